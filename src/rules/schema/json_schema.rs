//! `djlint schema`: the question-file schema as JSON Schema, generated from
//! the same field table the validator uses.

use serde_json::{Value, json};

use super::{FieldKind, Options, QUESTION_FIELDS};

/// JSON Schema (draft 2020-12) for a question file under `opts`.
pub fn generate(opts: &Options) -> Value {
    let mut props = serde_json::Map::new();
    let text = json!({"type": "string", "minLength": 1, "pattern": "\\S"});
    for field in QUESTION_FIELDS {
        let mut schema = match field.kind {
            FieldKind::Id => json!({"type": "string", "pattern": "^[a-z0-9][a-z0-9._-]*$"}),
            FieldKind::Text => text.clone(),
            FieldKind::Level => json!({"type": "string", "enum": opts.levels}),
            FieldKind::Tags => {
                let item = match &opts.tags {
                    Some(vocabulary) => json!({"type": "string", "enum": vocabulary}),
                    None => json!({"type": "string", "minLength": 1, "pattern": "\\S"}),
                };
                json!({"type": "array", "items": item})
            }
            FieldKind::Urls => json!({
                "type": "array",
                "items": {"type": "string", "pattern": "^[hH][tT][tT][pP][sS]?://[^\\s/?#]+([/?#]\\S*)?$"}
            }),
            FieldKind::Answer => json!({
                "anyOf": [text, {"type": "array", "minItems": 1, "items": text}]
            }),
            FieldKind::Choices => json!({"type": "array", "minItems": 2, "uniqueItems": true, "items": text}),
        };
        schema["description"] = json!(field.description);
        props.insert(field.name.to_owned(), schema);
    }
    let required: Vec<&str> = QUESTION_FIELDS.iter().filter(|f| f.required).map(|f| f.name).collect();
    json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://djlint.invalid/schema/question-file-v1.json",
        "title": "djlint question file (schema v1)",
        "type": "object",
        "additionalProperties": false,
        "required": ["questions"],
        "properties": {
            "title": {"type": "string", "description": "A title for the file."},
            "questions": {
                "type": "array",
                "minItems": 1,
                "items": {
                    "type": "object",
                    "additionalProperties": false,
                    "required": required,
                    "properties": props,
                }
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::schema::FILE_FIELDS;

    #[test]
    fn schema_lists_exactly_the_validator_fields() {
        let s = generate(&Options::default());
        let item = &s["properties"]["questions"]["items"];
        let mut props: Vec<&str> = item["properties"].as_object().unwrap().keys().map(String::as_str).collect();
        let mut fields: Vec<&str> = QUESTION_FIELDS.iter().map(|f| f.name).collect();
        props.sort();
        fields.sort();
        assert_eq!(props, fields);
        let required: Vec<&str> = item["required"].as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
        assert_eq!(required, ["id", "question", "answer"]);
        let mut file_props: Vec<&str> = s["properties"].as_object().unwrap().keys().map(String::as_str).collect();
        let mut file_fields: Vec<&str> = FILE_FIELDS.iter().map(|f| f.name).collect();
        file_props.sort();
        file_fields.sort();
        assert_eq!(file_props, file_fields);
    }

    #[test]
    fn schema_follows_configured_levels_and_tags() {
        let opts = Options { levels: vec!["junior".into()], tags: Some(vec!["orm".into()]), ..Options::default() };
        let s = generate(&opts);
        let props = &s["properties"]["questions"]["items"]["properties"];
        assert_eq!(props["level"]["enum"], json!(["junior"]));
        assert_eq!(props["tags"]["items"]["enum"], json!(["orm"]));
    }
}
