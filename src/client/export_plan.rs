//! The paged exports of the iterators: for one validated request, its 30-day windows, page size
//! and fingerprint (what a checkpoint is bound to), and the exact request of every page.

use serde_json::Value;

use crate::dates::{format_ymd, parse_ymd};
use crate::endpoint::{Endpoint, WireRequest};
use crate::endpoints::call_results::CallResultsRequest;
use crate::endpoints::obs_result_codes::{ObsResultCodesRequest, MAX_PAGE_SIZE};
use crate::endpoints::transfer_records::TransferRecordRequest;
use crate::endpoints::{JsonPage, NumericString};
use crate::paging::{self, PageRef};
use crate::window_dedupe::BoundaryDedupe;
use crate::{Issue, Locale};

/// A validated request, ready but for the credentials of its gateway.
#[derive(Debug, Clone)]
pub enum Prepared {
    /// CC-iSales and API Fabric: the wire request is complete (auth goes in headers).
    Headers(WireRequest),
    /// OIFDE: `tenantId` and `authToken` go in the body, so the wire is built per attempt.
    Oifde(TransferRecordRequest),
}

/// Every page of one export.
#[derive(Debug, Clone)]
pub struct ExportPlan {
    pub endpoint: Endpoint,
    /// Binds a checkpoint to this request (empty: the export takes no checkpoints).
    pub fingerprint: String,
    pub windows: usize,
    pub page_size: u32,
    pages: Pages,
}

#[derive(Debug, Clone)]
enum Pages {
    /// The request with each window's `beginTime`/`endTime` (`None`: no range, one window).
    CallResults(CallResultsRequest, Vec<Option<(String, String)>>),
    TransferRecords(TransferRecordRequest),
    ObsCodes(ObsResultCodesRequest),
}

impl ExportPlan {
    /// Call results: a range longer than 30 days becomes consecutive 30-day windows; `pageSize`
    /// defaults to the largest allowed. The filter drops the boundary-day repeats of a server
    /// that includes `endTime`'s day.
    pub fn call_results(req: CallResultsRequest) -> (ExportPlan, BoundaryDedupe) {
        let show_detail = req.show_detail == Some(1);
        let page_size = req
            .page_size
            .and_then(|n| u32::try_from(n).ok())
            .unwrap_or_else(|| paging::call_results_default_page_size(show_detail));
        let range = match (req.begin_time.as_deref(), req.end_time.as_deref()) {
            (Some(b), Some(e)) => parse_ymd(b).zip(parse_ymd(e)),
            _ => None,
        };
        let split = range.map(|(b, e)| paging::split_windows(b, e)).unwrap_or_default();
        let windows: Vec<Option<(String, String)>> = match range {
            Some(_) => split.iter().map(|(a, z)| Some((format_ymd(*a), format_ymd(*z)))).collect(),
            None => vec![None],
        };
        let fingerprint = {
            let mut q = req.clone();
            q.page_num = None;
            q.page_size = Some(i64::from(page_size));
            crate::checkpoint::fingerprint(Endpoint::CallResults, &q)
        };
        let plan = ExportPlan {
            endpoint: Endpoint::CallResults,
            fingerprint,
            windows: windows.len(),
            page_size,
            pages: Pages::CallResults(req, windows),
        };
        (plan, BoundaryDedupe::new(split))
    }

    /// Transfer records: one window, `pageSize` default 100.
    pub fn transfer_records(req: TransferRecordRequest) -> ExportPlan {
        let page_size = req
            .page_size
            .as_ref()
            .and_then(|n| n.as_str().parse::<u32>().ok())
            .unwrap_or(paging::TRANSFER_RECORDS_DEFAULT_PAGE_SIZE);
        let fingerprint = {
            let mut q = req.clone();
            q.page_num = None;
            q.page_size = Some(NumericString::from(u64::from(page_size)));
            crate::checkpoint::fingerprint(Endpoint::TransferRecords, &q)
        };
        ExportPlan {
            endpoint: Endpoint::TransferRecords,
            fingerprint,
            windows: 1,
            page_size,
            pages: Pages::TransferRecords(req),
        }
    }

    /// The tenant's OBS result codes: a small table, so no checkpoints.
    pub fn obs_codes(req: ObsResultCodesRequest) -> ExportPlan {
        let page_size = u32::try_from(req.page_size).unwrap_or(MAX_PAGE_SIZE as u32);
        ExportPlan {
            endpoint: Endpoint::ObsResultCodes,
            fingerprint: String::new(),
            windows: 1,
            page_size,
            pages: Pages::ObsCodes(req),
        }
    }

    /// The request of one page.
    pub fn page(&self, r: PageRef) -> Prepared {
        let page_num = i64::try_from(r.page).unwrap_or(i64::MAX);
        match &self.pages {
            Pages::CallResults(req, windows) => {
                let mut q = req.clone();
                if let Some(Some((a, z))) = windows.get(r.window) {
                    q.begin_time = Some(a.clone());
                    q.end_time = Some(z.clone());
                }
                q.page_num = Some(page_num);
                q.page_size = Some(i64::from(self.page_size));
                Prepared::Headers(q.to_wire())
            }
            Pages::TransferRecords(req) => {
                let mut q = req.clone();
                q.page_num = Some(NumericString::from(r.page));
                q.page_size = Some(NumericString::from(u64::from(self.page_size)));
                Prepared::Oifde(q)
            }
            Pages::ObsCodes(req) => {
                let mut q = req.clone();
                q.page_num = page_num;
                Prepared::Headers(q.to_wire())
            }
        }
    }
}

/// One item of an export's page: its JSON text (what JS gets) and, for call results, the two
/// fields the boundary-day filter reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageItem {
    pub json: String,
    pub call_id: Option<String>,
    pub call_time: Option<String>,
}

/// The items of an export's page and the total its server reports.
pub fn page_items(endpoint: Endpoint, page: &JsonPage) -> (Option<u64>, Vec<PageItem>) {
    let filtered = endpoint == Endpoint::CallResults;
    let items = page
        .items()
        .enumerate()
        .map(|(i, json)| PageItem {
            json: json.to_owned(),
            call_id: filtered.then(|| page.item_str(i, "callId")).flatten(),
            call_time: filtered.then(|| page.item_str(i, "callTimeStr")).flatten(),
        })
        .collect();
    (page.total(), items)
}

/// Checks `input` against `endpoint`'s rules and prepares the request of a single call.
pub fn prepare(endpoint: Endpoint, input: &Value, locale: Locale) -> Result<Prepared, Vec<Issue>> {
    use crate::endpoints::{
        call_manual_detail, call_records, call_result_detail, call_results, obs_result_codes,
    };
    match endpoint {
        Endpoint::CallResultDetail => {
            call_result_detail::parse(input, locale).map(|r| Prepared::Headers(r.to_wire()))
        }
        Endpoint::CallResults => call_results::parse(input, locale).map(|r| Prepared::Headers(r.to_wire())),
        Endpoint::CallRecords => call_records::parse(input, locale).map(|r| Prepared::Headers(r.to_wire())),
        Endpoint::CallManualDetail => {
            call_manual_detail::parse(input, locale).map(|r| Prepared::Headers(r.to_wire()))
        }
        Endpoint::ObsResultCodes => {
            obs_result_codes::parse(input, locale).map(|r| Prepared::Headers(r.to_wire()))
        }
        Endpoint::TransferRecords => {
            crate::endpoints::transfer_records::parse(input, locale).map(Prepared::Oifde)
        }
    }
}
