//! Every sentence the library writes, in English and Chinese. `{name}` marks a value filled in
//! by `say`; both languages take the same values. Field names, option names and code names
//! (`isales.sign`, `AbortSignal`) stay as written in both languages: they are what the caller
//! types.

use crate::locale::Locale;

catalogue! {
    // ---- Request and config fields (validation issues) ----
    Required: "{field} is required and must not be empty.", "{field} 为必填项,不能为空。";
    MustBeString: "{field} must be a string.", "{field} 必须是字符串。";
    MustBeInteger: "{field} must be an integer (a number or a string of digits).", "{field} 必须是整数(数字或纯数字字符串)。";
    MustBeEpochMillis: "{field} must be epoch milliseconds (a number or a string of digits), a Date, or an ISO-8601 date-time with an offset.",
        "{field} 必须是毫秒时间戳(数字或纯数字字符串)、Date 对象或带时区偏移的 ISO-8601 日期时间。";
    MustBeDigits: "{field} must be a non-negative integer or a string of digits.", "{field} 必须是非负整数或纯数字字符串。";
    MustBeId: "{field} must be a string or an integer.", "{field} 必须是字符串或整数。";
    MustBeBoolean: "{field} must be a boolean.", "{field} 必须是布尔值。";
    MustBeObject: "{field} must be an object.", "{field} 必须是对象。";
    MustBeNonNegative: "{field} must be a non-negative integer.", "{field} 必须是非负整数。";
    MustBeFunction: "{field} must be a function.", "{field} 必须是函数。";
    MustBeAbortSignal: "{field} must be an AbortSignal.", "{field} 必须是 AbortSignal。";
    SignalNotWatchable: "{field} could not be watched (its addEventListener threw).", "{field} 无法监听(其 addEventListener 抛出了异常)。";
    IntegerFromTo: "{field} must be an integer from {min} to {max}.", "{field} 必须是 {min} 到 {max} 之间的整数。";
    IntegerAtLeast: "{field} must be an integer of at least {min}.", "{field} 必须是不小于 {min} 的整数。";
    IntegerFromToWhen: "{field} must be an integer from {min} to {max} when {on} is {when}.",
        "{on} 为 {when} 时,{field} 必须是 {min} 到 {max} 之间的整数。";
    IntegerFromToWhenOrAbsent: "{field} must be an integer from {min} to {max} when {on} is {when} or absent.",
        "{on} 为 {when} 或未指定时,{field} 必须是 {min} 到 {max} 之间的整数。";
    MaxChars: "{field} must be at most {limit} characters long (UTF-16 units, as the server counts).", "{field} 的长度不能超过 {limit} 个字符。";
    OneOf: "{field} must be one of {list}.", "{field} 必须是以下值之一:{list}。";
    DateFormat: "{field} must be a real date in the format {pattern}.", "{field} 必须是格式为 {pattern} 的有效日期时间。";
    DateEpochMillis: "{field} must be a real date in epoch milliseconds.", "{field} 必须是以毫秒时间戳表示的有效日期时间。";
    PathSegment: "{field} must not be \".\" or \"..\" (it is sent as a URL path segment).", "{field} 不能是 \".\" 或 \"..\"(它会作为 URL 路径的一段发送)。";
    BothOrNeither: "{missing} is required when {present} is given (give both or neither).", "指定 {present} 时必须同时指定 {missing}(两者同时指定或同时不指定)。";
    OneOfRequired: "At least one of {list} is required.", "{list} 至少需要指定一个。";
    OneOfRequiredUnless: "When {unless} is empty, at least one of {list} is required.", "{unless} 为空时,{list} 至少需要指定一个。";
    EarlierThan: "{begin} must be earlier than {end}.", "{begin} 必须早于 {end}。";
    NotLaterThan: "{begin} must not be later than {end}.", "{begin} 不能晚于 {end}。";
    WindowTooLong: "{end} must be at most {days} days after {begin}.", "{end} 与 {begin} 的间隔不能超过 {days} 天。";
    UnknownField: "{field} is not a field of this request; it would be ignored.", "{field} 不是该请求的字段,将被忽略。";
    UnknownFieldDidYouMean: "{field} is not a field of this request (did you mean {closest}?); it would be ignored.",
        "{field} 不是该请求的字段(是否想输入 {closest}?),将被忽略。";
    UnknownOption: "{field} is not a known option (known: {list}).", "{field} 不是已知的选项(已知:{list})。";
    RequestNotObject: "The request must be a JSON object.", "请求必须是一个 JSON 对象。";
    RequestUnreadable: "The request could not be read: {detail}.", "无法读取请求:{detail}。";
    InvalidRequest: "Invalid request: {issues}", "请求无效: {issues}";

    // ---- JS values that are not JSON data (the boundary's conversion) ----
    TheInput: "The input", "输入";
    InputCycle: "{subject} contains itself (a cycle); pass plain JSON data.", "{subject}包含自身(循环引用);请传入普通 JSON 数据。";
    InputTooDeep: "{subject} is nested too deeply (more than 32 levels).", "{subject}嵌套过深(超过 32 层)。";
    InputTooLarge: "{subject} is too large (over 10000 values or items, or 4 MiB of text).", "{subject}过大(超过 10000 个值或元素,或 4 MiB 文本)。";
    InputUnreadable: "{subject} could not be read (a getter or Proxy threw).", "{subject}无法读取(取值函数或 Proxy 抛出了异常)。";
    InputFunction: "{subject} is a function, not JSON data.", "{subject}是函数,不是 JSON 数据。";
    InputSymbol: "{subject} is a symbol, not JSON data.", "{subject}是 Symbol,不是 JSON 数据。";
    InputBigInt: "{subject} is a BigInt; pass a number or a string of digits.", "{subject}是 BigInt;请传入数字或数字字符串。";
    InputNotFinite: "{subject} must be a finite number (not NaN or Infinity).", "{subject}必须是有限数字(不能是 NaN 或 Infinity)。";
    InputInvalidDate: "{subject} is an invalid Date.", "{subject}是无效的 Date。";

    // ---- The client configuration ----
    ConfigNotObject: "The client configuration must be an object.", "客户端配置必须是一个对象。";
    ConfigNoGateway: "Configure at least one gateway: isales, apiFabric or oifde.", "请至少配置一个网关:isales、apiFabric 或 oifde。";
    ConfigLocale: "locale must be \"en_US\" or \"zh_CN\".", "locale 必须是 \"en_US\" 或 \"zh_CN\"。";
    ConfigBetween: "{field} must be between {min} and {max}.", "{field} 必须介于 {min} 与 {max} 之间。";
    ConfigHeaderText: "{field} may only contain visible ASCII characters (it is sent in an HTTP header).", "{field} 只能包含可见 ASCII 字符(它在 HTTP 头中发送)。";
    ConfigBaseUrl: "{field} {reason}.", "{field} 不是有效的 http/https 基础 URL({reason})。";
    UrlScheme: "must start with http:// or https://", "必须以 http:// 或 https:// 开头";
    UrlQuery: "must not have a query or fragment", "不能带查询串或片段";
    UrlCredentials: "must not contain credentials (user:password@)", "不能包含凭据(user:password@)";
    UrlHostChars: "has an invalid host (ASCII letters, digits, dots and hyphens, or [IPv6])", "主机名无效(只能是 ASCII 字母、数字、点和连字符,或 [IPv6])";
    UrlShortIpv4: "has an IPv4 address in a short, octal or hex form (write it as a.b.c.d)", "IPv4 地址是简写、八进制或十六进制形式(请写成 a.b.c.d)";
    UrlPathChars: "has characters in its path that would be re-encoded", "路径中有会被重新编码的字符";
    UrlDotSegments: "has . or .. segments in its path", "路径中有 . 或 .. 段";
    UrlHost: "has an invalid host", "主机名无效";
    UrlPort: "has an invalid port", "端口无效";
    ConfigEitherOr: "Give either {field} or {others}, not both.", "{field} 与 {others} 只能二选一。";
    ConfigSecretInBrowser: "{field} would be readable by everyone who opens this page. In a browser, sign on your server (isales.sign with createSigningHandler) and use accessToken / authToken issued by your backend; for a local tool only, set dangerouslyAllowSecretsInBrowser: true.",
        "{field} 会被打开此页面的任何人读取。在浏览器中请在服务器端签名(isales.sign 配合 createSigningHandler),并使用后端签发的 accessToken / authToken;仅限本地工具时可设置 dangerouslyAllowSecretsInBrowser: true。";
    HeadersObject: "{field} must be an object of header names to string values.", "{field} 必须是由头名称到字符串值的对象。";
    HeaderName: "{field}: the header name is not a valid HTTP token.", "{field}:头名称不是有效的 HTTP 标记。";
    HeaderReserved: "{field} is set by the client (auth and framing) and cannot be overridden.", "{field} 由客户端设置(鉴权与报文),不能覆盖。";
    HeaderValue: "{field} may only contain visible ASCII characters and spaces.", "{field} 只能包含可见 ASCII 字符和空格。";
    SigningOption: "{field} must be {names} or an object {{ profile?, queryLine?, timestamp?, signedHeaders? }}.",
        "{field} 必须是 {names} 或对象 {{ profile?, queryLine?, timestamp?, signedHeaders? }}。";
    SignedHeadersEmpty: "{field} must name at least one header.", "{field} 至少要包含一个头。";
    SignedHeadersArray: "{field} must be an array of header names.", "{field} 必须是头名称数组。";

    // ---- signAuthV2 input ----
    SignInputNotObject: "signAuthV2 takes an object { accessKey, secretKey, method, path, host, query?, body?, contentType?, timestamp?, signing? }.",
        "signAuthV2 的参数必须是对象 { accessKey, secretKey, method, path, host, query?, body?, contentType?, timestamp?, signing? }。";
    SignUnknownOption: "{field} is not a known signAuthV2 option (known: {list}).", "{field} 不是 signAuthV2 的已知选项(已知:{list})。";
    SignPathWithQuery: "path must not contain a query string: pass the parameters in query.", "path 不能包含查询字符串:请把参数放在 query 中。";
    SignHeaderText: "{field} must be visible ASCII only (no spaces or control characters such as CR, LF, NUL).",
        "{field} 只能包含可见 ASCII 字符(不能有空格或 CR、LF、NUL 等控制字符)。";
    SignQueryValue: "{field} must be a string or a number.", "{field} 必须是字符串或数字。";
    SignQueryPair: "{field} must be a [name, value] pair of strings.", "{field} 必须是由字符串组成的 [name, value] 对。";
    SignQueryShape: "query must be an object of parameters or an array of [name, value] pairs.", "query 必须是参数对象,或 [name, value] 对的数组。";

    // ---- Iterator checkpoints (options.resume) ----
    CheckpointNotObject: "{field} must be a checkpoint object (from checkpoint()).", "{field} 必须是 checkpoint() 返回的对象。";
    CheckpointVersion: "{field} must be 1 (a checkpoint of this library version).", "{field} 必须为 1(本库版本的检查点)。";
    CheckpointEndpoint: "{field} belongs to another endpoint's iterator.", "{field} 属于另一个接口的迭代器。";
    CheckpointRequest: "{field} belongs to another request (range, filters and pageSize must be the same).",
        "{field} 属于另一个请求(时间范围、筛选条件和 pageSize 必须相同)。";
    CheckpointPastWindows: "{field} is past the request's date windows.", "{field} 超出了请求的日期窗口。";
    CheckpointPageAtLeastOne: "{field} must be at least 1.", "{field} 必须至少为 1。";
    CheckpointOffset: "{field} must be less than the page size.", "{field} 必须小于每页条数。";

    // ---- Arguments of the stateless exports ----
    EndpointName: "endpoint must be one of {list}.", "endpoint 必须是以下之一:{list}。";
    ArgumentText: "{field} must be a string ({what}).", "{field} 必须是字符串({what})。";
    TheRawResponseBody: "the raw response body", "原始响应体";
    TheRawRequestBody: "the raw request body", "原始请求体";

    // ---- Decoding answers ----
    ResponseOf: "the {endpoint} response", " {endpoint} 响应";
    CallbackSubject: "the call result callback", "外呼结果回调";
    CouldNotDecode: "Could not decode {subject}: {detail}", "无法解析{subject}:{detail}";
    CouldNotDecodeAt: "Could not decode {subject} at {path}: {detail}", "无法解析{subject}(位置 {path}):{detail}";
    ExpectedObject: "expected a JSON object", "应为 JSON 对象";
    ExpectedCallbackArray: "expected a JSON array of call results (or one call result object)", "应为外呼结果的 JSON 数组(或单个外呼结果对象)";
    NoEnvelopeCode: "neither returnCode nor resultCode is present", "既没有 returnCode 也没有 resultCode";
    JsonParseRejected: "could not convert a value for JS: JSON.parse rejected the text", "无法把值转换给 JS:JSON.parse 拒绝了该文本";
    BodyBufferNotText: "the body buffer does not hold UTF-8 text", "响应体缓冲区中不是 UTF-8 文本";
    UnknownFailCode: "Unknown code {code}: no vendor table lists it.", "未知的原因码 {code}:厂商文档的表中没有该码。";

    // ---- Errors of the client's own calls ----
    GatewayNotConfigured: "The {gateway} gateway is not configured: pass `{gateway}` in the CecClient config to call {endpoint}.",
        "未配置 {gateway} 网关:调用 {endpoint} 需要在 CecClient 配置中提供 `{gateway}`。";
    NetworkError: "Network error calling {what}: {detail}", "调用 {what} 时网络错误:{detail}";
    NetworkUntrustedCertificate: "Network error calling {what}: {detail}. The gateway's TLS certificate is not trusted: give Node your CA (NODE_EXTRA_CA_CERTS=/path/ca.pem) or pass a `fetch` that trusts it (see README, on-premises gateways).",
        "调用 {what} 时网络错误:{detail}。网关的 TLS 证书不受信任:请为 Node 提供 CA 证书(NODE_EXTRA_CA_CERTS=/path/ca.pem),或传入信任该 CA 的 `fetch`(见 README“本地部署网关”)。";
    NoFetch: "fetch is not available in this runtime", "此运行环境没有 fetch";
    NoAbortController: "AbortController is not available in this runtime", "此运行环境没有 AbortController";
    ResponseMethodMissing: "the fetch response has no {method}() method (is it a Response?)", "fetch 的结果没有 {method}() 方法(它是 Response 吗?)";
    Timeout: "{what} did not answer within {ms} ms.", "{what} 未在 {ms} 毫秒内响应。";
    Aborted: "The call to {what} was aborted.", "对 {what} 的调用已中止。";
    TheRequest: "the request", "请求";
    HttpStatus: "{what} answered HTTP {status}.", "{what} 返回 HTTP {status}。";
    AuthStatus: "Authentication failed: {what} answered HTTP {status}. Check the credentials in the client config.",
        "鉴权失败:{what} 返回 HTTP {status}。请检查客户端配置中的凭据。";
    AuthCode: "Authentication failed: {what} answered errorCode {code}. Check the credentials in the client config.",
        "鉴权失败:{what} 返回 errorCode {code}。请检查客户端配置中的凭据。";
    SigningExhausted: "Authentication failed: {what} answered HTTP 401 to every auth-v2 signing profile tried ({list}). The access key / secret key, or this machine's clock (the timestamp must be within the gateway's allowed skew), is the likely cause.",
        "鉴权失败:{what} 对尝试过的每种 auth-v2 签名方式({list})都返回 HTTP 401。最可能的原因是 AK/SK 错误,或本机时钟偏差超出网关允许范围。";
    RemoteSignFailed: "isales.sign could not sign the {what} request: {detail}", "isales.sign 无法为 {what} 请求签名:{detail}";
    // ---- The signing handler (createSigningHandler, on the caller's server) ----
    HandlerAllowRequired: "allow is required: the CC-iSales base URL(s) this handler signs for.", "allow 为必填项:此处理器为之签名的 CC-iSales 基础 URL。";
    MustBeBaseUrl: "{field} must be a base URL string.", "{field} 必须是基础 URL 字符串。";
    SignRequestNotObject: "The signing request must be a JSON object.", "签名请求必须是一个 JSON 对象。";
    QueryLineOption: "queryLine must be \"keep\" or \"omit\".", "queryLine 必须是 \"keep\" 或 \"omit\"。";
    NotSignableHeader: "{field} is not a header auth-v2 signs (host, content-type, content-length).", "{field} 不是 auth-v2 签名的头(host、content-type、content-length)。";
    HostHeaderRequired: "headers.host is required: a signature is bound to its host.", "headers.host 为必填项:签名与其主机绑定。";
    MustBeObjectOfStrings: "{field} must be an object of strings.", "{field} 必须是值为字符串的对象。";
    RefusedToSign: "Refused to sign: {why}.", "拒绝签名:{why}。";
    RefuseHost: "host {host} is not an allowed CC-iSales gateway", "主机 {host} 不是允许的 CC-iSales 网关";
    RefusePrefix: "the path is not under the allowed base URL", "路径不在允许的基础 URL 之下";
    RefuseEndpoint: "{method} {path} is not a documented call-data endpoint", "{method} {path} 不是文档中的话单数据接口";
    RefuseStale: "the timestamp is not within 5 minutes of the signer's clock", "时间戳与签名方时钟相差超过 5 分钟";
    RefuseTimestamp: "the timestamp is not an auth-v2 timestamp", "时间戳不是 auth-v2 格式";
    RemoteSignNotAuthV2: "it must resolve to the Authorization value, a string \"auth-v2/...\"", "它必须返回 Authorization 的值,即字符串 \"auth-v2/...\"";
    BadTokenResponse: "Could not decode the {what} response: {detail}.", "无法解析 {what} 的响应:{detail}。";
    FabricTokenShape: "expected {\"AccessToken\": ..., \"Expires\": ...}", "应为 {\"AccessToken\": ..., \"Expires\": ...}";
    FabricTokenUnsendable: "AccessToken is empty or not sendable in a header", "AccessToken 为空或无法放入 HTTP 头";
    OifdeTokenShape: "expected {\"errorCode\": 0, \"authToken\": ...}", "应为 {\"errorCode\": 0, \"authToken\": ...}";
    OifdeTokenMissing: "authToken is missing", "缺少 authToken";
    NoUsableToken: "no usable token was obtained", "未能获取可用的令牌";
    ClockOutOfRange: "the clock is out of range", "本机时钟超出可表示的范围";
}
