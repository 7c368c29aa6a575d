//! `queryOBSResultCode` and its iterator: the tenant's OBS result codes (FAILCODES.md §5), the
//! table `describeFailCode(code, { table })` reads `resultCode`s with.

use wasm_bindgen::prelude::*;

use super::{precheck, CecClient, ObsCodesIterator};
use crate::client::export_plan::ExportPlan;
use crate::endpoint::Endpoint;
use crate::endpoints::obs_result_codes;
use crate::wasm::convert::to_js_error;

#[wasm_bindgen]
impl CecClient {
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
        let core = self.export(ExportPlan::obs_codes(req), &options, opts)?;
        Ok(ObsCodesIterator { core })
    }
}
