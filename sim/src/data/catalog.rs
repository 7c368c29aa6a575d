//! Fixed tables the generator draws from: campaigns, failure causes, subscriber attributes and the
//! bot scripts. Kept as data so the generator code stays short and the mix is easy to adjust.

/// Language of a campaign's bot conversations.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Zh,
    En,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::En => "en",
        }
    }
}

/// One outbound campaign. `window` is the active part of the dataset's date range, as fractions,
/// so campaigns start and stop on different days whatever `--days` is (gives tests empty windows).
#[derive(Debug, Clone, Copy)]
pub struct CampaignDef {
    pub id: u32,
    pub vdn: u32,
    pub name: &'static str,
    pub language: Lang,
    /// CDR `callType`: "1" outbound, "2" predicted outbound.
    pub call_type: &'static str,
    /// CDR `callerNo`: the campaign's display number.
    pub caller_no: &'static str,
    pub window: (f64, f64),
    /// Relative share of the calls.
    pub weight: u32,
}

pub const CAMPAIGNS: [CampaignDef; 6] = [
    CampaignDef {
        id: 101,
        vdn: 1,
        name: "会员续费提醒",
        language: Lang::Zh,
        call_type: "1",
        caller_no: "4008001101",
        window: (0.0, 1.0),
        weight: 3,
    },
    CampaignDef {
        id: 102,
        vdn: 1,
        name: "Premium renewal reminder",
        language: Lang::En,
        call_type: "2",
        caller_no: "4008001102",
        window: (0.1, 1.0),
        weight: 2,
    },
    CampaignDef {
        id: 103,
        vdn: 2,
        name: "满意度回访",
        language: Lang::Zh,
        call_type: "1",
        caller_no: "4008002103",
        window: (0.0, 0.8),
        weight: 2,
    },
    CampaignDef {
        id: 104,
        vdn: 2,
        name: "Delivery confirmation",
        language: Lang::En,
        call_type: "2",
        caller_no: "4008002104",
        window: (0.2, 1.0),
        weight: 2,
    },
    CampaignDef {
        id: 105,
        vdn: 3,
        name: "信用卡分期推荐",
        language: Lang::Zh,
        call_type: "1",
        caller_no: "4008003105",
        window: (0.0, 1.0),
        weight: 1,
    },
    CampaignDef {
        id: 106,
        vdn: 3,
        name: "Appointment reminder",
        language: Lang::En,
        call_type: "2",
        caller_no: "4008003106",
        window: (0.4, 1.0),
        weight: 1,
    },
];

/// The VDNs that exist (a VDN with no campaign is still valid: vdnId 1..9999 are all "numeric OK").
pub const VDNS: [u32; 3] = [1, 2, 3];

/// A failure cause (RELATED.md) with its tenant-defined display code and relative frequency.
#[derive(Debug, Clone, Copy)]
pub struct FailCause {
    pub fail_code: &'static str,
    pub result_code: &'static str,
    pub weight: u32,
    pub description: &'static str,
    /// Extra ringing seconds before the platform gave up (no-answer rings long).
    pub extra_ring: u32,
}

/// Index 0 is unused: `Call::fail == 0` means success.
pub const FAIL_CAUSES: [FailCause; 15] = [
    FailCause {
        fail_code: "00000",
        result_code: "OB99999",
        weight: 0,
        description: "success",
        extra_ring: 0,
    },
    FailCause {
        fail_code: "00129",
        result_code: "OB00001",
        weight: 6,
        description: "unallocated number",
        extra_ring: 0,
    },
    FailCause {
        fail_code: "00145",
        result_code: "OB00002",
        weight: 18,
        description: "user busy",
        extra_ring: 0,
    },
    FailCause {
        fail_code: "00208",
        result_code: "OB00003",
        weight: 10,
        description: "powered off",
        extra_ring: 0,
    },
    FailCause {
        fail_code: "00209",
        result_code: "OB00004",
        weight: 4,
        description: "suspended",
        extra_ring: 0,
    },
    FailCause {
        fail_code: "00531",
        result_code: "OB00010",
        weight: 6,
        description: "callee rejected",
        extra_ring: 5,
    },
    FailCause {
        fail_code: "00601",
        result_code: "OB00011",
        weight: 20,
        description: "no answer",
        extra_ring: 30,
    },
    FailCause {
        fail_code: "00603",
        result_code: "OB00012",
        weight: 12,
        description: "callee hung up while ringing",
        extra_ring: 8,
    },
    FailCause {
        fail_code: "00604",
        result_code: "OB00013",
        weight: 5,
        description: "callee unreachable",
        extra_ring: 0,
    },
    FailCause {
        fail_code: "00701",
        result_code: "OB00014",
        weight: 3,
        description: "user side failure",
        extra_ring: 0,
    },
    FailCause {
        fail_code: "00702",
        result_code: "OB00015",
        weight: 3,
        description: "platform failure",
        extra_ring: 0,
    },
    FailCause {
        fail_code: "01040",
        result_code: "OB00016",
        weight: 2,
        description: "platform failure",
        extra_ring: 0,
    },
    FailCause {
        fail_code: "34601",
        result_code: "OB00017",
        weight: 2,
        description: "platform failure",
        extra_ring: 0,
    },
    FailCause {
        fail_code: "00602",
        result_code: "OB00018",
        weight: 1,
        description: "no resources",
        extra_ring: 0,
    },
    FailCause {
        fail_code: "00606",
        result_code: "OB00019",
        weight: 1,
        description: "system failure",
        extra_ring: 0,
    },
];

/// Display code of a successful call.
pub const SUCCESS_RESULT_CODE: &str = "OB99999";

/// Subscriber `customField` values (a per-session attribute; filterable on callresult).
pub const CUSTOM_FIELDS: [&str; 6] = ["batch-A", "batch-A", "batch-B", "batch-C", "vip", ""];

/// Mobile number prefixes for the called subscribers.
pub const MOBILE_PREFIXES: [&str; 8] = ["138", "139", "150", "151", "186", "187", "135", "177"];

/// CDR `leaveReason` of connected calls (who released the call) and of failed ones.
pub const LEAVE_REASONS_CONNECTED: [&str; 2] = ["1", "2"];
pub const LEAVE_REASON_FAILED: &str = "5";

/// One language's bot script: greeting (turn 1), middle turns, closing (last turn), and the pools
/// user sayings and recognised intentions are drawn from.
pub struct Script {
    pub greeting: &'static str,
    pub middle: &'static [&'static str],
    pub closing: &'static [&'static str],
    pub user: &'static [&'static str],
    pub intentions: &'static [&'static str],
}

pub const SCRIPT_ZH: Script = Script {
    greeting: "您好,我是智能客服小华,请问是机主本人吗?",
    middle: &[
        "这边来电是想提醒您,您的服务即将到期,请问需要为您办理续费吗?",
        "好的,请问您方便告诉我您希望的联系时间吗?",
        "我们目前有优惠活动,续费一年可享八折优惠。",
        "请问您对我们上次的服务还满意吗?",
        "好的,已为您记录。请问还有其他可以帮您的吗?",
        "为了核实身份,请您说一下手机号后四位。",
    ],
    closing: &["感谢您的接听,祝您生活愉快,再见!", "好的,稍后会有工作人员与您联系,再见!"],
    user: &["是的", "嗯,你说", "不需要,谢谢", "多少钱?", "晚点再打给我", "可以", "我在开车", "好的"],
    intentions: &["肯定", "否定", "询价", "稍后回电", "未识别"],
};

pub const SCRIPT_EN: Script = Script {
    greeting:
        "Hello, this is the virtual assistant of Example Services. Am I speaking with the account holder?",
    middle: &[
        "I am calling to remind you that your plan expires soon. Would you like to renew it today?",
        "Sure. When would be a good time for one of our colleagues to call you back?",
        "We currently offer twenty percent off for a one-year renewal.",
        "How satisfied were you with our last service visit?",
        "Noted. Is there anything else I can help you with?",
        "To verify your identity, please tell me the last four digits of your phone number.",
    ],
    closing: &[
        "Thank you for your time. Have a nice day, goodbye!",
        "Alright, a colleague will contact you shortly. Goodbye!",
    ],
    user: &[
        "Yes, speaking",
        "Go ahead",
        "No thanks",
        "How much is it?",
        "Call me later",
        "Sure",
        "I'm driving right now",
        "OK",
    ],
    intentions: &["affirm", "deny", "ask_price", "call_back_later", "unknown"],
};

pub fn script(lang: Lang) -> &'static Script {
    match lang {
        Lang::Zh => &SCRIPT_ZH,
        Lang::En => &SCRIPT_EN,
    }
}
