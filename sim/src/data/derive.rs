//! Everything about a call that is not stored: timings, the list/detail items, the bot
//! conversation, the CDR and the transfer record. All are pure functions of (seed, call index), so
//! the same callId always yields the same linked records.

use serde::Serialize;

use super::catalog::{
    self, Lang, FAIL_CAUSES, LEAVE_REASONS_CONNECTED, LEAVE_REASON_FAILED, SUCCESS_RESULT_CODE,
};
use super::{salt, Call, Dataset};
use crate::prng::{mix, pick, Rng};

/// Timeline of one call, in seconds from the dataset start.
#[derive(Debug, Clone, Copy)]
pub struct Timing {
    /// Ringing start (= callTimeStr, ackBeginTime).
    pub ring_start: i64,
    /// Answer time (callBeginTime); `None` for a failed call.
    pub answered: Option<i64>,
    /// Hang-up time (callEndTime).
    pub end: i64,
    /// Bot conversation turns (connected calls).
    pub turns: u32,
}

pub fn timing(ds: &Dataset, idx: usize) -> Option<Timing> {
    let call = ds.calls.get(idx)?;
    let mut r = Rng::new(mix(ds.params.seed ^ salt::TIMING, ds.seq(idx)));
    let ring = r.range(3, 25) as i64;
    let turns = r.range(3, 8) as u32;
    let start = call.time as i64;
    Some(if call.success() {
        // Long enough for the conversation's turns (about 12 s each) to fit in the call.
        let talk = (r.range(15, 420) as i64).max(turns as i64 * 12 + 5);
        Timing { ring_start: start, answered: Some(start + ring), end: start + ring + talk, turns }
    } else {
        let extra = FAIL_CAUSES.get(call.fail as usize).map(|f| f.extra_ring).unwrap_or(0) as i64;
        Timing { ring_start: start, answered: None, end: start + ring + extra, turns: 0 }
    })
}

fn fail_code(ds: &Dataset, idx: usize, call: &Call) -> &'static str {
    if call.success() {
        // Both spellings of success appear on the wire (RELATED.md).
        if mix(ds.params.seed ^ salt::TIMING, ds.seq(idx)) % 10 < 7 {
            "00000"
        } else {
            "0"
        }
    } else {
        FAIL_CAUSES.get(call.fail as usize).map(|f| f.fail_code).unwrap_or("00701")
    }
}

fn result_code(call: &Call) -> &'static str {
    if call.success() {
        SUCCESS_RESULT_CODE
    } else {
        FAIL_CAUSES.get(call.fail as usize).map(|f| f.result_code).unwrap_or("OB00014")
    }
}

fn record_path(ds: &Dataset, idx: usize, call: &Call) -> String {
    if !call.success() {
        return String::new();
    }
    let (vdn, cid) = ds.campaign_of(call).map(|c| (c.def.vdn, c.def.id)).unwrap_or((0, 0));
    let day = ds.date_str(call.time as i64).replace('-', "");
    format!("Y:/{}/{}/{}/{}.V3", vdn, cid, day, ds.seq(idx))
}

/// 01 documents the detail's `recordPath` as "the OBS URL of the recording file" (its example is
/// a signed `https://…obs…myhuaweicloud.com` URL), while 02's list example shows a file path:
/// the detail answers an OBS URL for the same recording.
fn record_obs_url(ds: &Dataset, idx: usize, call: &Call) -> String {
    let path = record_path(ds, idx, call);
    match path.strip_prefix("Y:/") {
        Some(rest) => format!(
            "https://cec-sim-record.obs.cn-south-1.myhuaweicloud.com:443/isales/record/{rest}?AccessKeyId=SIMULATOR&Expires={}&Signature=c2lt",
            call.time as i64 + 86_400
        ),
        None => path,
    }
}

/// An item of the callresult list (and of `/__sim/calls`).
#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct CallResultItem {
    pub campaign_id: String,
    pub session_id: String,
    pub called: String,
    pub call_time_str: String,
    /// A number here; the detail endpoint sends it as a string (wire quirk).
    pub call_status: u8,
    pub fail_code: &'static str,
    pub result_code: &'static str,
    pub vdn_id: u32,
    pub call_id: String,
    pub record_path: String,
    /// Not in the docs: clients must tolerate unknown fields.
    pub attempt: u8,
}

pub fn call_result_item(ds: &Dataset, idx: usize) -> Option<CallResultItem> {
    let call = ds.calls.get(idx)?;
    let camp = ds.campaign_of(call)?;
    Some(CallResultItem {
        campaign_id: camp.def.id.to_string(),
        session_id: ds.session_id(call),
        called: ds.called_number(call.session),
        call_time_str: ds.datetime_str(call.time as i64),
        call_status: if call.success() { 6 } else { 5 },
        fail_code: fail_code(ds, idx, call),
        result_code: result_code(call),
        vdn_id: camp.def.vdn,
        call_id: ds.call_id(idx),
        record_path: record_path(ds, idx, call),
        attempt: call.attempt,
    })
}

/// `data` of the callresultdetail response.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CallDetail {
    pub call_id: String,
    pub called: String,
    pub call_end_time: String,
    pub vdn_id: u32,
    /// `"6"`/`"5"` as a string, as in the doc's example (the list sends a number).
    pub call_status: String,
    pub fail_code: &'static str,
    pub result_code: &'static str,
    /// Empty for a call that was never answered.
    pub call_begin_time: String,
    pub record_path: String,
    pub ack_begin_time: String,
    /// Not in the detail doc (unknown field for clients).
    pub campaign_id: String,
}

pub fn call_detail(ds: &Dataset, idx: usize) -> Option<CallDetail> {
    let call = ds.calls.get(idx)?;
    let camp = ds.campaign_of(call)?;
    let t = timing(ds, idx)?;
    Some(CallDetail {
        call_id: ds.call_id(idx),
        called: ds.called_number(call.session),
        call_end_time: ds.datetime_str(t.end),
        vdn_id: camp.def.vdn,
        call_status: if call.success() { "6".into() } else { "5".into() },
        fail_code: fail_code(ds, idx, call),
        result_code: result_code(call),
        call_begin_time: t.answered.map(|a| ds.datetime_str(a)).unwrap_or_default(),
        record_path: record_obs_url(ds, idx, call),
        ack_begin_time: ds.datetime_str(t.ring_start),
        campaign_id: camp.def.id.to_string(),
    })
}

/// One turn of a bot conversation (callRecord `recordList` item).
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Turn {
    pub inter_no: String,
    /// `null` or `"null"` where nothing was said (03's example has both), else the text.
    pub user_saying: Option<String>,
    pub system_reply: String,
    pub intention: Option<String>,
    pub system_reply_time: String,
    pub request_time: String,
    pub response_source: String,
    /// Not in the docs (unknown field for clients).
    pub node_id: String,
}

/// The bot conversation of a connected call (3..8 turns, in the campaign's language); failed calls
/// have none.
pub fn conversation(ds: &Dataset, idx: usize) -> Vec<Turn> {
    let (Some(call), Some(t)) = (ds.calls.get(idx), timing(ds, idx)) else {
        return Vec::new();
    };
    let (Some(answered), Some(camp)) = (t.answered, ds.campaign_of(call)) else {
        return Vec::new();
    };
    let lang = camp.def.language;
    let script = catalog::script(lang);
    let mut r = Rng::new(mix(ds.params.seed ^ salt::TALK, ds.seq(idx)));
    let mut now = answered + 1;
    let mut turns = Vec::with_capacity(t.turns as usize);
    for n in 1..=t.turns {
        let system_reply = if n == 1 {
            script.greeting
        } else if n == t.turns {
            pick(script.closing, r.next_u64()).unwrap_or("")
        } else {
            pick(script.middle, r.next_u64()).unwrap_or("")
        };
        let reply_time = now;
        let request_time = reply_time + r.range(2, 8) as i64;
        // The greeting has no user input yet: real null. Later, silence shows up as the string
        // "null" (03's example) or as null; "None" can be what a caller said, so it is not used.
        let (user_saying, intention) = if n == 1 {
            (None, None)
        } else {
            match r.below(10) {
                0 => (Some("null".to_string()), None),
                1 => (None, None),
                _ => (
                    pick(script.user, r.next_u64()).map(str::to_string),
                    pick(script.intentions, r.next_u64()).map(str::to_string),
                ),
            }
        };
        turns.push(Turn {
            inter_no: n.to_string(),
            user_saying,
            system_reply: system_reply.to_string(),
            intention,
            system_reply_time: ds.datetime_str(reply_time),
            request_time: ds.datetime_str(request_time),
            response_source: if r.chance(0.15) { "1".into() } else { "0".into() },
            node_id: format!("{}{}", if lang == Lang::Zh { "node_zh_" } else { "node_en_" }, n),
        });
        now = request_time + r.range(1, 3) as i64;
    }
    turns
}

/// One CDR (queryCallManualDetailInfo `results` item). Documented as all strings; `vdn` comes as a
/// number as in the doc's example (wire quirk). `mediatype` is spelled as in the doc's table.
#[derive(Debug, Clone, Serialize)]
pub struct Cdr {
    #[serde(rename = "logDate")]
    pub log_date: String,
    #[serde(rename = "callerNo")]
    pub caller_no: String,
    #[serde(rename = "calleeNo")]
    pub callee_no: String,
    #[serde(rename = "callId")]
    pub call_id: String,
    #[serde(rename = "callType")]
    pub call_type: String,
    #[serde(rename = "mediatype")]
    pub media_type: String,
    #[serde(rename = "waitBegin")]
    pub wait_begin: String,
    #[serde(rename = "ackBegin")]
    pub ack_begin: String,
    #[serde(rename = "callBegin")]
    pub call_begin: String,
    #[serde(rename = "callEnd")]
    pub call_end: String,
    pub vdn: u32,
    #[serde(rename = "leaveReason")]
    pub leave_reason: String,
    #[serde(rename = "evaluationValue")]
    pub evaluation_value: String,
    /// Not in the docs (unknown field for clients).
    #[serde(rename = "skillId")]
    pub skill_id: String,
}

/// Media type of every simulated call: voice.
pub const MEDIA_TYPE: &str = "5";

pub fn cdr(ds: &Dataset, idx: usize) -> Option<Cdr> {
    let call = ds.calls.get(idx)?;
    let camp = ds.campaign_of(call)?;
    let t = timing(ds, idx)?;
    let h = mix(ds.params.seed ^ salt::CDR, ds.seq(idx));
    let ms = |off: i64| ((ds.start_epoch + off) * 1000).to_string();
    Some(Cdr {
        log_date: ds.date_str(t.ring_start),
        caller_no: camp.def.caller_no.to_string(),
        callee_no: ds.called_number(call.session),
        call_id: ds.call_id(idx),
        call_type: camp.def.call_type.to_string(),
        media_type: MEDIA_TYPE.to_string(),
        wait_begin: ms(t.ring_start),
        ack_begin: t.answered.map(ms).unwrap_or_default(),
        call_begin: ms(t.ring_start),
        call_end: ms(t.end),
        vdn: camp.def.vdn,
        leave_reason: if call.success() {
            pick(&LEAVE_REASONS_CONNECTED, h).unwrap_or("1").to_string()
        } else {
            LEAVE_REASON_FAILED.to_string()
        },
        evaluation_value: evaluation_value(call, h),
        skill_id: format!("{}", 10 + camp.def.vdn),
    })
}

/// Satisfaction 1..5 (skewed to the good side) for connected calls; "" when never answered.
fn evaluation_value(call: &Call, h: u64) -> String {
    if !call.success() {
        return String::new();
    }
    const LEVELS: [&str; 10] = ["1", "2", "3", "3", "4", "4", "4", "5", "5", "5"];
    pick(&LEVELS, h.rotate_left(17)).unwrap_or("3").to_string()
}

/// CDR `callBegin` in epoch milliseconds (for the date filter and ordering).
pub fn cdr_begin_ms(ds: &Dataset, call: &Call) -> i64 {
    ds.epoch(call) * 1000
}

/// One OIFDE transfer record.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TransferRecord {
    pub id: String,
    pub tenant_id: String,
    pub call_id: String,
    pub cti_call_id: String,
    pub flow_inst_id: String,
    pub calling_number: String,
    pub called_number: String,
    pub transf_number: String,
    pub start_time: i64,
    pub end_time: i64,
    pub record_file_path: String,
    pub location_id: String,
    pub op_result: String,
    pub record_result: String,
    /// Not in the docs (unknown field for clients).
    pub transfer_type: String,
}

/// Transfer start: after the bot had its say (halfway through the conversation).
pub fn transfer_start_ms(ds: &Dataset, idx: usize) -> i64 {
    match timing(ds, idx) {
        Some(t) => {
            let answered = t.answered.unwrap_or(t.ring_start);
            (ds.start_epoch + answered + (t.end - answered) / 2) * 1000
        }
        None => 0,
    }
}

pub fn transfer_record(ds: &Dataset, idx: usize, tenant_id: &str) -> Option<TransferRecord> {
    if !ds.has_transfer(idx) {
        return None;
    }
    let call = ds.calls.get(idx)?;
    let camp = ds.campaign_of(call)?;
    let t = timing(ds, idx)?;
    let h = mix(ds.params.seed ^ salt::TRANSFER, ds.seq(idx));
    let success = h % 100 >= 20;
    let call_id = ds.call_id(idx);
    let day = ds.date_str(call.time as i64).replace('-', "");
    let flow_access_code = format!("3050{}", camp.def.vdn);
    Some(TransferRecord {
        id: format!("{}{:010}", day, ds.seq(idx)),
        tenant_id: tenant_id.to_string(),
        call_id: call_id.clone(),
        // The simulator uses one id for the whole call (RELATED.md: one callId links the records).
        cti_call_id: call_id.clone(),
        flow_inst_id: format!("{}{}{}", flow_access_code, day, call_id),
        calling_number: ds.called_number(call.session),
        called_number: flow_access_code,
        transf_number: format!("8888{:04}", (h >> 16) % 10_000),
        start_time: transfer_start_ms(ds, idx),
        end_time: (ds.start_epoch + t.end) * 1000,
        record_file_path: if success {
            format!("Y:/61/transferrecord/{}/{:08}.wav", day, (h >> 24) % 100_000_000)
        } else {
            String::new()
        },
        location_id: "0".into(),
        op_result: if success { "SUCCESS".into() } else { "FAIL".into() },
        record_result: if success && (h >> 8) % 10 < 7 { "0".into() } else { "N/A".into() },
        transfer_type: "1".into(),
    })
}
