//! Any JS value → `serde_json::Value`, safely: bounded depth and size, cycles detected, and
//! every read that can run user code (getters, Proxy traps) caught.
//!
//! Every JS function called here is imported with `catch`. That matters beyond the error
//! message: a JS exception that unwinds through wasm frames skips their epilogues, so the
//! shadow-stack pointer is never restored and each such call leaks wasm stack until the
//! instance dies. With `catch`, the exception becomes a `Result` in Rust and nothing unwinds.
//! The limits and messages are core data (`crate::input`).

use serde_json::{Map, Value};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::input::{array_len_ok, child_path, index_path, number_to_json, Budget, InputProblem, MAX_DEPTH};
use crate::{Issue, Locale};

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(catch, js_namespace = Array, js_name = isArray)]
    fn is_array(value: &JsValue) -> Result<bool, JsValue>;
    #[wasm_bindgen(catch, js_namespace = Object, js_name = keys)]
    fn object_keys(value: &JsValue) -> Result<js_sys::Array, JsValue>;
    #[wasm_bindgen(catch, js_namespace = Reflect, js_name = get)]
    fn reflect_get(target: &JsValue, key: &JsValue) -> Result<JsValue, JsValue>;

    /// A `Date` (or a Proxy that claims to be one: its methods then throw, hence `catch`).
    #[wasm_bindgen(js_name = Date)]
    type DateLike;
    #[wasm_bindgen(catch, method, js_name = getTime)]
    fn get_time(this: &DateLike) -> Result<f64, JsValue>;
    #[wasm_bindgen(catch, method, js_name = toISOString)]
    fn to_iso_string(this: &DateLike) -> Result<String, JsValue>;
}

/// Stop the walk with the issues found so far (one problem is enough to reject the input;
/// a handful is enough to fix it).
const MAX_ISSUES: usize = 20;

/// Reads one property of a JS object, catching whatever a getter or Proxy trap throws.
pub fn get_prop(target: &JsValue, key: &str) -> Result<JsValue, InputProblem> {
    reflect_get(target, &JsValue::from_str(key)).map_err(|_| InputProblem::Unreadable)
}

/// The enumerable own string keys of an object (`Object.keys`), or `Unreadable`.
pub fn keys_of(target: &JsValue) -> Result<Vec<String>, InputProblem> {
    let keys = object_keys(target).map_err(|_| InputProblem::Unreadable)?;
    if !array_len_ok(f64::from(keys.length())) {
        return Err(InputProblem::TooLarge);
    }
    Ok(keys.iter().filter_map(|k| k.as_string()).collect())
}

/// Converts `value` to JSON. `skip` lists the paths left out (`fetch`, `isales.sign`: the
/// config's functions, read separately). `undefined` becomes `null` ("not set"), a `Date` its
/// ISO string.
pub fn to_json(value: &JsValue, skip: &[&str], locale: Locale) -> Result<Value, Vec<Issue>> {
    to_json_at(value, "", skip, locale)
}

/// `to_json` of a value that issues name as `root` (`options`: `options.headers.X-A`); `skip`
/// paths include the root.
pub fn to_json_at(value: &JsValue, root: &str, skip: &[&str], locale: Locale) -> Result<Value, Vec<Issue>> {
    let mut walk = Walk {
        budget: Budget::default(),
        issues: Vec::new(),
        ancestors: Vec::new(),
        locale,
        stop: false,
        skip,
    };
    let out = walk.value(value, root);
    if walk.issues.is_empty() {
        Ok(out)
    } else {
        Err(walk.issues)
    }
}

struct Walk<'s> {
    skip: &'s [&'s str],
    budget: Budget,
    issues: Vec<Issue>,
    /// The objects on the path from the root to here, for cycle detection.
    ancestors: Vec<JsValue>,
    locale: Locale,
    /// Set once the input is too large or too many issues were found: nothing more is read.
    stop: bool,
}

impl Walk<'_> {
    fn problem(&mut self, path: &str, problem: InputProblem) -> Value {
        if problem == InputProblem::TooLarge {
            self.stop = true;
        }
        if self.issues.len() < MAX_ISSUES {
            self.issues.push(problem.issue(path, self.locale));
        } else {
            self.stop = true;
        }
        Value::Null
    }

    fn value(&mut self, v: &JsValue, path: &str) -> Value {
        if self.stop {
            return Value::Null;
        }
        if let Err(p) = self.budget.take_value() {
            return self.problem(path, p);
        }
        if v.is_undefined() || v.is_null() {
            return Value::Null;
        }
        if let Some(b) = v.as_bool() {
            return Value::Bool(b);
        }
        if let Some(n) = v.as_f64() {
            return number_to_json(n).unwrap_or_else(|p| self.problem(path, p));
        }
        if let Some(s) = v.dyn_ref::<js_sys::JsString>() {
            // Length first, so a huge string is refused before it is copied into wasm memory.
            if let Err(p) = self.budget.take_text(s.length() as usize) {
                return self.problem(path, p);
            }
            return Value::String(String::from(s));
        }
        if v.is_bigint() {
            return self.problem(path, InputProblem::BigInt);
        }
        if v.is_symbol() {
            return self.problem(path, InputProblem::Symbol);
        }
        if v.is_function() {
            return self.problem(path, InputProblem::Function);
        }
        if !v.is_object() {
            return self.problem(path, InputProblem::Unreadable);
        }
        if self.ancestors.iter().any(|a| js_sys::Object::is(a, v)) {
            return self.problem(path, InputProblem::Cycle);
        }
        if self.ancestors.len() >= MAX_DEPTH {
            return self.problem(path, InputProblem::TooDeep);
        }
        // `instanceof` shims generated by wasm-bindgen catch exceptions themselves.
        if v.is_instance_of::<js_sys::Date>() {
            return self.date(v.unchecked_ref(), path);
        }
        self.ancestors.push(v.clone());
        let out = match is_array(v) {
            Ok(true) => self.array(v, path),
            Ok(false) => self.object(v, path),
            Err(_) => self.problem(path, InputProblem::Unreadable),
        };
        self.ancestors.pop();
        out
    }

    fn date(&mut self, d: &DateLike, path: &str) -> Value {
        match d.get_time() {
            Ok(t) if t.is_finite() => match d.to_iso_string() {
                Ok(s) => Value::String(s),
                Err(_) => self.problem(path, InputProblem::Unreadable),
            },
            Ok(_) => self.problem(path, InputProblem::InvalidDate),
            Err(_) => self.problem(path, InputProblem::Unreadable),
        }
    }

    fn array(&mut self, v: &JsValue, path: &str) -> Value {
        let len = match get_prop(v, "length") {
            Ok(l) => l.as_f64().unwrap_or(f64::NAN),
            Err(p) => return self.problem(path, p),
        };
        if !array_len_ok(len) {
            return self.problem(path, InputProblem::TooLarge);
        }
        let len = len as u32;
        let mut items = Vec::with_capacity(len.min(64) as usize);
        for i in 0..len {
            if self.stop {
                break;
            }
            let item_path = index_path(path, i as usize);
            let item = match reflect_get(v, &JsValue::from(i)) {
                Ok(item) => self.value(&item, &item_path),
                Err(_) => self.problem(&item_path, InputProblem::Unreadable),
            };
            items.push(item);
        }
        Value::Array(items)
    }

    fn object(&mut self, v: &JsValue, path: &str) -> Value {
        let keys = match keys_of(v) {
            Ok(k) => k,
            Err(p) => return self.problem(path, p),
        };
        let mut map = Map::new();
        for key in keys {
            if self.stop {
                break;
            }
            let field_path = child_path(path, &key);
            if self.skip.contains(&field_path.as_str()) {
                continue;
            }
            let item = match get_prop(v, &key) {
                Ok(item) => self.value(&item, &field_path),
                Err(p) => self.problem(&field_path, p),
            };
            map.insert(key, item);
        }
        Value::Object(map)
    }
}
