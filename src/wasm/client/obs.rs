//! `queryOBSResultCode` and its iterator: the tenant's OBS result codes (FAILCODES.md §5), the
//! table `describeFailCode(code, { table })` reads `resultCode`s with.

use std::rc::Rc;

use wasm_bindgen::prelude::*;

use super::exec::Prepared;
use super::iter::IterCore;
use super::iter::Start;
use super::{precheck, CecClient, ObsCodesIterator};
use crate::endpoint::Endpoint;
use crate::endpoints::obs_result_codes::{self, MAX_PAGE_SIZE};
use crate::paging::PageRef;
use crate::wasm::convert::to_js_error;

#[wasm_bindgen]
impl CecClient {
    /// One page of the tenant's OBS result codes (CC-iSales, GET …/queryOBSResultCode, query
    /// parameters signed). `pageNum` ≥ 1 and `pageSize` 1..50 are both required.
    #[wasm_bindgen(js_name = queryOBSResultCode, unchecked_return_type = "Promise<ObsResultCodesResponse>")]
    pub fn query_obs_result_code(
        &self,
        #[wasm_bindgen(unchecked_param_type = "ObsResultCodesRequest")] request: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: Option<js_sys::Object>,
    ) -> js_sys::Promise {
        self.call(
            Endpoint::ObsResultCodes,
            &request,
            &options,
            |v, l| obs_result_codes::parse(v, l).map(|r| Prepared::Headers(r.to_wire())),
            obs_result_codes::decode,
        )
    }

    /// Every OBS result code of the tenant, page by page (`pageNum` is ignored, `pageSize`
    /// defaults to 50). Throws a `CecError` of kind `"validation"` at once for a bad request.
    #[wasm_bindgen(js_name = iterateOBSResultCodes)]
    pub fn iterate_obs_result_codes(
        &self,
        #[wasm_bindgen(unchecked_param_type = "{ vdnId: number, pageSize?: number }")] request: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: Option<js_sys::Object>,
    ) -> Result<ObsCodesIterator, JsValue> {
        let (req, opts) = precheck(
            &self.shared,
            Endpoint::ObsResultCodes,
            &request,
            &options,
            obs_result_codes::parse_for_export,
        )
        .map_err(|e| to_js_error(&e))?;
        let page_size = u32::try_from(req.page_size).unwrap_or(MAX_PAGE_SIZE as u32);
        let build = Box::new(move |r: PageRef| {
            let mut q = req.clone();
            q.page_num = i64::try_from(r.page).unwrap_or(i64::MAX);
            Prepared::Headers(q.to_wire())
        });
        let core = IterCore::new(
            Rc::clone(&self.shared),
            Endpoint::ObsResultCodes,
            // A tenant's result-code table is small: no checkpoints for it.
            Start { fingerprint: String::new(), windows: 1, page_size, resume: None },
            opts.stop.clone(),
            opts,
            build,
            |body, locale| obs_result_codes::decode(body, locale).map(|r| (r.total_count, r.obs_codes)),
        );
        Ok(ObsCodesIterator { core })
    }
}
