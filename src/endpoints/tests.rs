//! Unit tests of the shared endpoint pieces: tables, value types, JSON bodies, one-pass decode.

mod table_tests {
    use crate::endpoints::*;
    use crate::validate::RequestSpec;

    const SPECS: [RequestSpec; 6] = [
        call_result_detail::SPEC,
        call_results::SPEC,
        call_records::SPEC,
        call_manual_detail::SPEC,
        transfer_records::SPEC,
        obs_result_codes::SPEC,
    ];

    #[test]
    fn tables_are_consistent() {
        for (spec, endpoint) in SPECS.iter().zip(Endpoint::ALL) {
            assert_eq!(spec.endpoint, endpoint);
            for (i, field) in spec.fields.iter().enumerate() {
                assert!(
                    spec.fields.iter().skip(i + 1).all(|f| f.name != field.name),
                    "duplicate {}",
                    field.name
                );
            }
            for cross in spec.cross {
                for name in cross.field_names() {
                    assert!(
                        spec.fields.iter().any(|f| f.name == name),
                        "{endpoint:?}: cross rule names unknown {name}"
                    );
                }
            }
        }
    }

    #[test]
    fn numeric_string_reads_numbers_and_digit_strings_only() {
        let ok =
            |v: serde_json::Value| serde_json::from_value::<NumericString>(v).ok().map(|n| n.to_string());
        assert_eq!(ok(serde_json::json!(5)), Some("5".to_owned()));
        assert_eq!(ok(serde_json::json!(5.0)), Some("5".to_owned()));
        assert_eq!(ok(serde_json::json!("007")), Some("007".to_owned()));
        assert_eq!(ok(serde_json::json!(-1)), None);
        assert_eq!(ok(serde_json::json!(1.5)), None);
        assert_eq!(ok(serde_json::json!("")), None);
        assert_eq!(ok(serde_json::json!("1a")), None);
        assert_eq!(serde_json::to_string(&NumericString::from(42)).ok().as_deref(), Some("\"42\""));
    }

    #[test]
    fn id_string_reads_integers_and_non_empty_strings() {
        let ok = |v: serde_json::Value| serde_json::from_value::<IdString>(v).ok().map(|n| n.to_string());
        assert_eq!(ok(serde_json::json!(3)), Some("3".to_owned()));
        assert_eq!(ok(serde_json::json!(-3)), Some("-3".to_owned()));
        assert_eq!(ok(serde_json::json!("c-1")), Some("c-1".to_owned()));
        assert_eq!(ok(serde_json::json!("")), None);
        assert_eq!(ok(serde_json::json!(0.5)), None);
    }

    #[test]
    fn json_body_orders_and_escapes() {
        let body = JsonBody::new()
            .string("b", "x\"y")
            .opt_string("skip", None)
            .opt_string("empty", Some(""))
            .opt_integer("a", Some(-1))
            .opt_integer("none", None)
            .finish();
        assert_eq!(body, r#"{"b":"x\"y","a":-1}"#);
        assert_eq!(JsonBody::new().finish(), "{}");
    }
}

mod decode_path_tests {
    use crate::endpoints::*;

    /// Path tracking does not change what a success answer decodes to.
    #[test]
    fn one_pass_decode_matches_plain_serde() {
        let body = r#"{"resultCode":"0200000","returnCode":"0200000","totalCount":"2","extra":{"x":1},
            "data":[{"callId":"1-1","callStatus":"6","vdnId":"11","sessionId":"null","recordPath":"none"},
                    {"callId":"1-2","callStatus":5,"failCode":"00145"}]}"#;
        let decoded = call_results::decode(body, Locale::EnUs).unwrap();
        // The same model as serde_json reading the text without path tracking.
        let plain: call_results::CallResultsResponse = serde_json::from_str(body).unwrap();
        assert_eq!(decoded, plain);
        assert_eq!(decoded.total_count, Some(2));
        assert_eq!(decoded.data[0].call_status, Some(6));
        assert_eq!(decoded.data[0].session_id, None);
    }

    /// A body that decodes but is not a success still reports the vendor code.
    #[test]
    fn decodable_failures_still_report_their_code() {
        let body =
            r#"{"resultCode":"0200000","returnCode":"0200007","returnDesc":"gone","totalCount":0,"data":[]}"#;
        let err = call_results::decode(body, Locale::EnUs).unwrap_err();
        assert_eq!(err.kind, crate::ErrorKind::Api);
        assert_eq!(err.code.as_deref(), Some("0200007"));
        let oifde =
            r#"{"errorCode":900001,"errorMessage":"token expired","total":0,"transferRecordList":[]}"#;
        let err = transfer_records::decode(oifde, Locale::EnUs).unwrap_err();
        assert_eq!(err.code.as_deref(), Some("900001"));
        // A bare array is not an answer, even though the lenient model could read it as defaults.
        assert_eq!(
            call_manual_detail::decode("[]", Locale::EnUs).unwrap_err().kind,
            crate::ErrorKind::Decode
        );
    }
}
