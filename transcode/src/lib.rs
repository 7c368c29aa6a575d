//! The fast route from a response body to its normalised JSON text: one generic, table-driven
//! pass over the text (each model is a table of fields, see [`Model`]), writing the normalised
//! JSON as it reads, with no typed model and no serde visitors in between.
//!
//! It only ever answers for a well-formed success body it fully understands: anything else
//! (malformed JSON, a wrongly typed or missing field, a duplicate key, a float where an integer
//! or a string is read, an error envelope, ...) returns `None`, and the caller falls back to the
//! typed decoder, which produces the exact error message and JSON path. So the contract is
//! simple and checked by `tests/fuzz_decode.rs` (cec-calldata) over mutated bodies: when this returns text, it is
//! byte for byte `serde_json::to_string` of what the typed decoder returns.
//!
//! A crate of its own so that it can be built at a speed opt-level while the rest of the
//! package is built for size (Cargo.toml, `[profile.release.package.cec-transcode]`).
//!
//! Why: serde decode + serialise measured 1.5–4× `JSON.parse` for the Rust part alone; this is
//! ~1×, and it is one function for every model instead of a derived visitor per model.

mod text;

use text::{maybe_null, push_escaped, unescape};

/// True for the string the servers send where they mean null (`"null"`, any case, trimmed).
/// The one definition: `cec_calldata::normalize` re-exports it for the typed decoder.
pub fn is_null_string(s: &str) -> bool {
    s.trim().eq_ignore_ascii_case("null")
}

/// How a field is read, named after the lenient deserializer it mirrors (`cec_calldata::normalize`).
#[derive(Clone, Copy)]
pub enum Kind {
    /// `opt_string_lenient`: a string (`"null"` is null), an integer as its digits, or null.
    OptStr,
    /// `string_lenient`: as `OptStr`, but required and never null.
    Str,
    /// `opt_i64_lenient`: an integer, a string holding one (`""`/`"null"` are null), or null.
    OptI64,
    /// `i64_lenient`: as `OptI64`, but required and never null.
    I64,
    /// `opt_u64_lenient`: as `OptI64`, non-negative.
    OptU64,
    /// `vec_or_null` over a model: absent and null are `[]`.
    List(&'static Model),
    /// A required nested model (no default).
    Object(&'static Model),
}

/// One field: its wire name (the serialised camelCase name, which is also the read name) and kind.
pub struct Field {
    pub name: &'static str,
    pub kind: Kind,
}

/// A response model: its fields in declaration order (the order they are serialised in).
pub struct Model {
    pub fields: &'static [Field],
}

/// When a decoded top-level answer counts as a success (the endpoints' `SuccessAnswer`).
#[derive(Clone, Copy)]
pub enum Success {
    /// CC-iSales: `returnCode`/`resultCode`, at least one present, every present one `0200000`.
    Isales,
    /// No code: any object.
    Always,
    /// OIFDE: `errorCode` is 0.
    ErrorCodeZero,
}

/// The transcoding table of one endpoint's response.
pub struct ResponseTable {
    pub model: &'static Model,
    pub success: Success,
    /// The field holding the page's total (for the iterators), if any.
    pub total: Option<&'static str>,
}

/// The most fields a model has (TransferRecord: 14); a bigger table is never transcoded.
const MAX_FIELDS: usize = 16;

/// `(start, end)` of each field's value in the output, in table order.
type Slots = [(usize, usize); MAX_FIELDS];

/// The normalised text of a body, and where its list's items are in it.
pub struct Transcoded {
    pub text: String,
    /// Byte ranges of the top-level list's items in `text`.
    pub items: Vec<(usize, usize)>,
    /// The text of the `total` field's value (`null` or digits), if the table names one.
    pub total: Option<(usize, usize)>,
}

/// Transcodes `body` by `table`; `None` when the typed decoder must answer instead (see the
/// module comment). With `require_success` false the envelope's codes are not looked at.
pub fn transcode(table: &ResponseTable, body: &str, require_success: bool) -> Option<Transcoded> {
    let mut tx = Tx {
        body,
        s: body.as_bytes(),
        i: 0,
        out: String::with_capacity(body.len()),
        tmp: String::new(),
        items: Vec::new(),
    };
    tx.ws();
    let slots = tx.object(table.model, true)?;
    tx.ws();
    if tx.i != tx.s.len() {
        return None;
    }
    let value = |name: &str| {
        let idx = table.model.fields.iter().position(|f| f.name == name)?;
        let (a, b) = *slots.get(idx)?;
        Some((a, b))
    };
    let text_of = |name: &str| value(name).and_then(|(a, b)| tx.out.get(a..b));
    if require_success {
        let ok = match table.success {
            Success::Always => true,
            Success::ErrorCodeZero => text_of("errorCode") == Some("0"),
            Success::Isales => {
                let codes = [text_of("returnCode")?, text_of("resultCode")?];
                codes.iter().any(|c| *c != "null")
                    && codes.iter().all(|c| *c == "null" || *c == "\"0200000\"")
            }
        };
        if !ok {
            return None;
        }
    }
    let total = match table.total {
        Some(name) => Some(value(name)?),
        None => None,
    };
    Some(Transcoded { items: tx.items, total, text: tx.out })
}

struct Tx<'a> {
    body: &'a str,
    s: &'a [u8],
    i: usize,
    /// The output; an object's field values are written here in arrival order, then reordered.
    out: String,
    /// Scratch for the reordering.
    tmp: String,
    /// Ranges of the top-level list's items, relative to the list's `[` until the list is placed.
    items: Vec<(usize, usize)>,
}

/// A string token: its raw content (between the quotes) and whether it holds escapes.
struct RawStr {
    start: usize,
    end: usize,
    escaped: bool,
}

impl<'a> Tx<'a> {
    #[inline(always)]
    fn ws(&mut self) {
        while let Some(b' ' | b'\n' | b'\t' | b'\r') = self.s.get(self.i) {
            self.i += 1;
        }
    }

    #[inline(always)]
    fn peek(&self) -> Option<u8> {
        self.s.get(self.i).copied()
    }

    #[inline(always)]
    fn next(&mut self) -> Option<u8> {
        let c = self.peek()?;
        self.i += 1;
        Some(c)
    }

    #[inline(always)]
    fn eat(&mut self, c: u8) -> Option<()> {
        (self.next()? == c).then_some(())
    }

    #[inline(always)]
    fn literal(&mut self, word: &[u8]) -> Option<()> {
        let end = self.i.checked_add(word.len())?;
        (self.s.get(self.i..end)? == word).then(|| self.i = end)
    }

    /// Scans a string token (at its `"`), checking what serde_json checks of any string: no
    /// control character, known escapes, four hex digits after `\u`.
    fn string(&mut self) -> Option<RawStr> {
        self.eat(b'"')?;
        let start = self.i;
        let mut escaped = false;
        loop {
            // The common bytes first, in a tight loop (this is the hot spot of a page).
            while let Some(&c) = self.s.get(self.i) {
                if c == b'"' || c == b'\\' || c < 0x20 {
                    break;
                }
                self.i += 1;
            }
            match self.next()? {
                b'"' => return Some(RawStr { start, end: self.i - 1, escaped }),
                b'\\' => {
                    escaped = true;
                    match self.next()? {
                        b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't' => {}
                        b'u' => {
                            let end = self.i.checked_add(4)?;
                            if !self.s.get(self.i..end)?.iter().all(u8::is_ascii_hexdigit) {
                                return None;
                            }
                            self.i = end;
                        }
                        _ => return None,
                    }
                }
                0..=0x1f => return None,
                _ => {}
            }
        }
    }

    /// The text of a string token: borrowed when it has no escapes, else unescaped (strictly:
    /// an unpaired surrogate is left to the typed decoder).
    #[inline(always)]
    fn text(&self, raw: &RawStr) -> Option<std::borrow::Cow<'a, str>> {
        let content = self.body.get(raw.start..raw.end)?;
        if raw.escaped {
            unescape(content).map(std::borrow::Cow::Owned)
        } else {
            Some(std::borrow::Cow::Borrowed(content))
        }
    }

    /// Scans a number token; `Some((start, is_integer))`. JSON's grammar exactly (no leading
    /// zeros, digits after `.` and after `e`), as serde_json checks it.
    fn number(&mut self) -> Option<(usize, bool)> {
        let start = self.i;
        if self.peek() == Some(b'-') {
            self.i += 1;
        }
        match self.next()? {
            b'0' => {}
            b'1'..=b'9' => self.digits(),
            _ => return None,
        }
        let mut integer = true;
        if self.peek() == Some(b'.') {
            self.i += 1;
            integer = false;
            self.some_digits()?;
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.i += 1;
            integer = false;
            if let Some(b'+' | b'-') = self.peek() {
                self.i += 1;
            }
            self.some_digits()?;
        }
        // serde_json rejects `01`: a digit right after a leading zero.
        if let Some(b'0'..=b'9') = self.peek() {
            return None;
        }
        Some((start, integer))
    }

    #[inline(always)]
    fn digits(&mut self) {
        while let Some(b'0'..=b'9') = self.peek() {
            self.i += 1;
        }
    }

    fn some_digits(&mut self) -> Option<()> {
        let at = self.i;
        self.digits();
        (self.i > at).then_some(())
    }

    /// An integer token as serde_json hands it to a visitor: `Some(token)` when it is a `u64`
    /// or a negative `i64` (serde_json reads `-0` and anything wider as a float, which the typed
    /// decoder handles).
    fn integer_token(&mut self) -> Option<&'a str> {
        let (start, integer) = self.number()?;
        let token = self.body.get(start..self.i)?;
        if !integer {
            return None;
        }
        let (negative, digits) = match token.strip_prefix('-') {
            Some(d) => (true, d),
            None => (false, token),
        };
        let magnitude: u64 = digits.parse().ok()?;
        if negative && (magnitude == 0 || magnitude > 1 << 63) {
            return None;
        }
        Some(token)
    }

    /// Skips any value (an unknown field's), iteratively: serde_json ignores such values with no
    /// depth limit, so a deep one must not recurse here either.
    fn skip(&mut self) -> Option<()> {
        let mut closers: Vec<u8> = Vec::new();
        loop {
            self.ws();
            match self.peek()? {
                b'{' => {
                    self.i += 1;
                    self.ws();
                    if self.peek()? == b'}' {
                        self.i += 1;
                    } else {
                        self.key_colon()?;
                        closers.push(b'}');
                        continue;
                    }
                }
                b'[' => {
                    self.i += 1;
                    self.ws();
                    if self.peek()? == b']' {
                        self.i += 1;
                    } else {
                        closers.push(b']');
                        continue;
                    }
                }
                b'"' => {
                    self.string()?;
                }
                b't' => self.literal(b"true")?,
                b'f' => self.literal(b"false")?,
                b'n' => self.literal(b"null")?,
                _ => {
                    self.number()?;
                }
            }
            loop {
                let Some(&close) = closers.last() else { return Some(()) };
                self.ws();
                match self.next()? {
                    b',' => {
                        if close == b'}' {
                            self.ws();
                            self.key_colon()?;
                        }
                        break;
                    }
                    c if c == close => {
                        closers.pop();
                    }
                    _ => return None,
                }
            }
        }
    }

    /// An ignored object's key and its colon. Its escapes are only checked, as serde_json
    /// checks the keys of a value it ignores.
    fn key_colon(&mut self) -> Option<()> {
        self.string()?;
        self.ws();
        self.eat(b':')
    }

    /// Reads an object of `model` (at its `{`) and writes its normalised text at the end of
    /// `out`; returns where each field's value landed.
    fn object(&mut self, model: &'static Model, top: bool) -> Option<Slots> {
        if model.fields.len() > MAX_FIELDS {
            return None;
        }
        self.eat(b'{')?;
        let base = self.out.len();
        let mut slots: [Option<(usize, usize)>; MAX_FIELDS] = [None; MAX_FIELDS];
        let mut hint = 0;
        self.ws();
        if self.peek()? == b'}' {
            self.i += 1;
        } else {
            loop {
                self.ws();
                let raw = self.string()?;
                let key = self.text(&raw)?;
                self.ws();
                self.eat(b':')?;
                self.ws();
                // Servers send the fields in one order: try the one after the last first.
                let found = match model.fields.get(hint) {
                    Some(f) if f.name == key => Some(hint),
                    _ => model.fields.iter().position(|f| f.name == key),
                };
                hint = found.map_or(hint, |i| i + 1);
                match found {
                    Some(idx) => {
                        let slot = slots.get_mut(idx)?;
                        if slot.is_some() {
                            return None; // duplicate field: the typed decoder's error
                        }
                        let start = self.out.len();
                        self.value(model.fields.get(idx)?.kind, top)?;
                        *slots.get_mut(idx)? = Some((start, self.out.len()));
                    }
                    None => self.skip()?,
                }
                self.ws();
                match self.next()? {
                    b',' => {}
                    b'}' => break,
                    _ => return None,
                }
            }
        }
        // Reorder: move the values aside, then write `{"name":value,...}` in table order.
        self.tmp.clear();
        self.tmp.push_str(self.out.get(base..)?);
        self.out.truncate(base);
        let mut placed: Slots = [(0, 0); MAX_FIELDS];
        self.out.push('{');
        for (idx, field) in model.fields.iter().enumerate() {
            if idx > 0 {
                self.out.push(',');
            }
            self.out.push('"');
            self.out.push_str(field.name);
            self.out.push_str("\":");
            let at = self.out.len();
            match (*slots.get(idx)?, field.kind) {
                (Some((a, b)), kind) => {
                    let value = self.tmp.get(a - base..b - base)?;
                    self.out.push_str(value);
                    if top && matches!(kind, Kind::List(_)) {
                        for item in &mut self.items {
                            *item = (item.0 + at, item.1 + at);
                        }
                    }
                }
                (None, Kind::OptStr | Kind::OptI64 | Kind::OptU64) => self.out.push_str("null"),
                (None, Kind::List(_)) => self.out.push_str("[]"),
                (None, Kind::Str | Kind::I64 | Kind::Object(_)) => return None, // missing field
            }
            *placed.get_mut(idx)? = (at, self.out.len());
        }
        self.out.push('}');
        Some(placed)
    }

    /// Reads one field value of `kind` and writes its normalised text.
    fn value(&mut self, kind: Kind, top: bool) -> Option<()> {
        match kind {
            Kind::OptStr | Kind::Str => self.string_value(matches!(kind, Kind::OptStr)),
            Kind::OptI64 | Kind::I64 | Kind::OptU64 => self.integer_value(kind),
            Kind::Object(model) => self.object(model, false).map(|_| ()),
            Kind::List(model) => {
                if self.peek()? == b'n' {
                    self.literal(b"null")?;
                    self.out.push_str("[]");
                    return Some(());
                }
                self.eat(b'[')?;
                let list_start = self.out.len();
                self.out.push('[');
                self.ws();
                if self.peek()? == b']' {
                    self.i += 1;
                } else {
                    loop {
                        self.ws();
                        if self.out.len() > list_start + 1 {
                            self.out.push(',');
                        }
                        let item_start = self.out.len();
                        self.object(model, false)?;
                        if top {
                            self.items.push((item_start - list_start, self.out.len() - list_start));
                        }
                        self.ws();
                        match self.next()? {
                            b',' => {}
                            b']' => break,
                            _ => return None,
                        }
                    }
                }
                self.out.push(']');
                Some(())
            }
        }
    }

    fn string_value(&mut self, nullable: bool) -> Option<()> {
        match self.peek()? {
            b'"' => {
                let raw = self.string()?;
                let text = self.text(&raw)?;
                if maybe_null(&text) && is_null_string(&text) {
                    return nullable.then(|| self.out.push_str("null"));
                }
                match text {
                    // Unescaped and free of control characters: serde_json writes it as it is.
                    std::borrow::Cow::Borrowed(t) => {
                        self.out.push('"');
                        self.out.push_str(t);
                        self.out.push('"');
                    }
                    std::borrow::Cow::Owned(t) => push_escaped(&mut self.out, &t),
                }
                Some(())
            }
            b'n' => {
                self.literal(b"null")?;
                nullable.then(|| self.out.push_str("null"))
            }
            // An integer reads as its digits (`visit_u64`/`visit_i64` → `to_string`).
            b'-' | b'0'..=b'9' => {
                let token = self.integer_token()?;
                self.out.push('"');
                self.out.push_str(token);
                self.out.push('"');
                Some(())
            }
            _ => None,
        }
    }

    fn integer_value(&mut self, kind: Kind) -> Option<()> {
        let nullable = !matches!(kind, Kind::I64);
        let unsigned = matches!(kind, Kind::OptU64);
        let value: i64 = match self.peek()? {
            b'-' | b'0'..=b'9' => {
                let token = self.integer_token()?;
                // `visit_u64` refuses what does not fit an i64; `-0` never gets here.
                let v: i64 = token.parse().ok()?;
                if unsigned && v < 0 {
                    return None;
                }
                self.out.push_str(token);
                return Some(());
            }
            b'"' => {
                let raw = self.string()?;
                let text = self.text(&raw)?;
                let t = text.trim();
                if t.is_empty() || is_null_string(t) {
                    return nullable.then(|| self.out.push_str("null"));
                }
                t.parse().ok()?
            }
            b'n' => {
                self.literal(b"null")?;
                return nullable.then(|| self.out.push_str("null"));
            }
            _ => return None,
        };
        if unsigned && value < 0 {
            return None;
        }
        self.out.push_str(&value.to_string());
        Some(())
    }
}

/// A string field of a JSON object's text (an item of a normalised page): `None` when it is
/// null, absent or not a string, or when the text is not an object.
pub fn string_field(object: &str, name: &str) -> Option<String> {
    let mut tx = Tx {
        body: object,
        s: object.as_bytes(),
        i: 0,
        out: String::new(),
        tmp: String::new(),
        items: Vec::new(),
    };
    tx.ws();
    tx.eat(b'{')?;
    tx.ws();
    if tx.peek()? == b'}' {
        return None;
    }
    loop {
        tx.ws();
        let raw = tx.string()?;
        let key = tx.text(&raw)?;
        tx.ws();
        tx.eat(b':')?;
        tx.ws();
        if key == name {
            if tx.peek()? != b'"' {
                return None;
            }
            let raw = tx.string()?;
            return tx.text(&raw).map(|t| t.into_owned());
        }
        tx.skip()?;
        tx.ws();
        if tx.next()? != b',' {
            return None;
        }
    }
}
