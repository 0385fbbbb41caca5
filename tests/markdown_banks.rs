//! Markdown and plain-text banks: every shape real banks use is read with
//! exact spans, checked by every rule, suppressed, baselined and fixed as
//! YAML is.

mod common;

use std::path::Path;

use common::{check_json, djlint, root, rules_of};
use djlint::bank::from_markdown::read;

fn fixture(name: &str) -> String {
    std::fs::read_to_string(root().join("fixtures/markdown").join(name)).unwrap()
}

/// The text a finding's span points at.
fn labelled<'t>(text: &'t str, d: &serde_json::Value) -> &'t str {
    &text[d["span"]["start"].as_u64().unwrap() as usize..d["span"]["end"].as_u64().unwrap() as usize]
}

#[test]
fn the_clean_banks_are_read_whole_and_give_no_findings() {
    let dir = root().join("fixtures/markdown/clean");
    let (json, run) = check_json(&dir, &["."]);
    assert_eq!(rules_of(&json), Vec::<String>::new(), "{}", run.stdout);
    assert_eq!(json["summary"]["files"], 6);
    assert_eq!(json["summary"]["questions"], 25);
    for (name, count) in
        [("headings.md", 4), ("listed.md", 3), ("quiz.md", 6), ("plain.txt", 6), ("inline.txt", 3), ("bold.md", 3)]
    {
        let c = read(&fixture(&format!("clean/{name}")), 0, name);
        assert_eq!(c.questions.len(), count, "{name}");
        assert!(c.findings.is_empty(), "{name}: {:?}", c.findings);
    }
}

/// Every field's value is the file's bytes at its span (less the
/// indentation of a list item), so labels and fixes land on the text.
#[test]
fn fields_are_the_bytes_at_their_spans() {
    for name in ["headings.md", "listed.md", "quiz.md", "plain.txt", "inline.txt", "bold.md"] {
        let text = fixture(&format!("clean/{name}"));
        let c = read(&text, 0, name);
        for q in &c.questions {
            for t in q.texts() {
                let raw = &text[t.span.start..t.span.end];
                let dedented: String = raw.lines().map(str::trim_start).collect::<Vec<_>>().join("\n");
                let value: String = t.value.lines().map(str::trim_start).collect::<Vec<_>>().join("\n");
                assert_eq!(value, dedented, "{name}");
                // A one-line field is exactly its bytes.
                if !raw.contains('\n') {
                    assert_eq!(t.value, raw, "{name}");
                }
                // Any range of the value maps back to the same text.
                let map = t.map(&text);
                assert!(map.is_exact(), "{name}: {}", t.value);
            }
        }
    }
}

#[test]
fn each_shape_finds_its_question_and_answer() {
    let c = read(&fixture("clean/headings.md"), 0, "headings.md");
    let q = &c.questions[0];
    assert_eq!(q.question.as_ref().unwrap().value, "What does an HTTP status code in the 4xx range mean?");
    let answer = &q.answer.as_ref().unwrap().value;
    assert!(answer.starts_with("The request was at fault") && answer.contains("### Common codes"), "{answer}");
    assert!(answer.ends_with("gives the same answer."), "the `<br>` separator is not part of it: {answer}");
    assert_eq!(c.title.as_ref().unwrap().value, "Web fundamentals: interview questions");
    // The intro and the closing section are the page's own text.
    assert!(c.prose.iter().any(|p| p.value.starts_with("A set of questions")));
    assert!(c.prose.iter().any(|p| p.value.contains("Further reading")));

    // An answer indented under a numbered list item is read dedented, so
    // its code block is a fenced block, not an indented one; the "Back to
    // Top" link is navigation, not part of it.
    let c = read(&fixture("clean/listed.md"), 0, "listed.md");
    let a = &c.questions[0].answer.as_ref().unwrap().value;
    assert!(a.starts_with("It replays") && a.contains("\n```bash\ngit switch feature\n"), "{a}");
    assert!(!a.contains("Back to Top"), "{a}");
    assert_eq!(c.questions[2].question.as_ref().unwrap().value, "What is a detached HEAD");

    // Task lists: the key, select-all keys, options shown as code blocks,
    // the explanation after the options, the stem's code block.
    let c = read(&fixture("clean/quiz.md"), 0, "quiz.md");
    let keys =
        |i: usize| c.questions[i].choices.iter().filter(|o| o.key).map(|o| o.text.value.as_str()).collect::<Vec<_>>();
    assert_eq!(keys(0), ["2"]);
    assert_eq!(c.questions[0].answer.as_ref().unwrap().value, "2");
    assert!(c.questions[0].explanation.as_ref().unwrap().value.starts_with("A set keeps one copy"));
    assert_eq!(keys(3), ["`tuple`", "`frozenset`"]);
    assert!(c.questions[3].answer.is_none(), "a select-all key is not one option");
    assert!(c.questions[2].question.as_ref().unwrap().value.contains("def add(item, bucket=[]):"));
    assert_eq!(c.questions[4].choices.len(), 2);
    assert!(c.questions[4].choices[1].text.value.contains("__enter__"));
    assert!(c.questions.iter().all(|q| q.is_choice));

    // Plain text: numbered questions, an answer that is a list, `Q:`/`A:`.
    let c = read(&fixture("clean/plain.txt"), 0, "plain.txt");
    let q = |i: usize| c.questions[i].question.as_ref().unwrap().value.clone();
    assert_eq!(q(3), "Explain the purpose of a transaction.");
    assert!(c.questions[3].answer.as_ref().unwrap().value.ends_with("survives a crash"));
    assert_eq!(q(4), "Why can COUNT(column) differ from COUNT(*)?");
    assert!(
        c.questions[4].answer.as_ref().unwrap().value.starts_with("COUNT(column) skips"),
        "the `A:` label is not text"
    );

    // `Q1. … Answer: …` on one line.
    let c = read(&fixture("clean/inline.txt"), 0, "inline.txt");
    assert_eq!(c.questions[1].question.as_ref().unwrap().value, "What happens when you send on a closed channel?");
    assert!(c.questions[1].answer.as_ref().unwrap().value.starts_with("The program panics."));

    let c = read(&fixture("clean/bold.md"), 0, "bold.md");
    assert_eq!(
        c.questions[0].question.as_ref().unwrap().value,
        "What is the difference between an image and a container?"
    );
}

#[test]
fn an_answer_list_numbered_from_one_is_not_a_new_question() {
    let text = "1. What are the steps of a deployment?\nThe pipeline runs:\n1. Build the image.\n2. Run the tests.\n3. Push the image.\n2. What is a blue-green deployment?\nTwo identical environments; traffic switches from one to the other at once.\n";
    let c = read(text, 0, "guide.txt");
    assert_eq!(c.questions.len(), 2);
    assert!(c.questions[0].answer.as_ref().unwrap().value.contains("3. Push the image."));
    // A FAQ that restarts the numbering with a question is a new section.
    let faq = format!("{text}FAQ\n1. Is it hard to learn?\nNo: start with one service.\n");
    assert_eq!(read(&faq, 0, "guide.txt").questions.len(), 3);
}

#[test]
fn ids_are_explicit_or_stable() {
    let text = "<!-- id: http-4xx -->\n## 1. What does a 4xx status mean?\n\nThe client's request was at fault.\n\n## 2. What is a preflight request? {#cors-preflight}\n\nAn OPTIONS request sent before a cross-origin request that a form could not send.\n\n## 3. What does a 4xx status mean?\n\nA client error.\n";
    let c = read(text, 0, "web/Guide Part 1.md");
    let ids: Vec<&str> = c.questions.iter().map(|q| q.id().unwrap()).collect();
    assert_eq!(ids, ["http-4xx", "cors-preflight", "guide-part-1.what-does-a-4xx-status-mean"]);
    assert_eq!(c.questions[1].question.as_ref().unwrap().value, "What is a preflight request?");
    // A derived id does not change when questions move or are renumbered.
    let moved = "## 7. What is a preflight request?\n\nAn OPTIONS request.\n\n## 8. What does a 4xx status mean?\n\nA client error.\n";
    let c = read(moved, 0, "web/Guide Part 1.md");
    assert_eq!(c.questions[1].id(), Some("guide-part-1.what-does-a-4xx-status-mean"));
    // Repeats in one file get a suffix, so ids stay unique.
    let twice = "1. What is a view?\nA callable.\n2. What is a view?\nA function or a class.\n";
    let ids: Vec<String> = read(twice, 0, "a.txt").questions.iter().map(|q| q.id().unwrap().to_owned()).collect();
    assert_eq!(ids, ["a.what-is-a-view", "a.what-is-a-view-2"]);
}

#[test]
fn the_bad_bank_reports_each_defect_on_its_text() {
    let dir = root().join("fixtures/markdown/bad");
    let text = fixture("bad/guide.md");
    let (json, run) = check_json(&dir, &["."]);
    assert_eq!(run.code, 1);
    let found: Vec<(String, String)> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["rule"].as_str().unwrap().to_owned(), labelled(&text, d).to_owned()))
        .collect();
    let expect = [
        ("noise/promo", "Try the StudyBuddy AI mock interview"),
        ("noise/citation-chip", "Django Docs+2StackOverflow+1"),
        ("stale/unsupported-as-current", "Django 4.2"),
        ("unclear/placeholder", "TODO"),
        ("schema/invalid-key", "Which middleware protects forms"),
        ("schema/invalid-choices", "`DateField`"),
    ];
    for (rule, label) in expect {
        assert!(found.iter().any(|(r, l)| r == rule && l.starts_with(label)), "{rule} on `{label}` not in {found:?}");
    }
    assert_eq!(found.len(), expect.len(), "{found:?}");
    // The promotion is in the page's text between sections: it names no
    // question. The sponsor's line in the page's header is not reported.
    let promo = json["diagnostics"].as_array().unwrap().iter().find(|d| d["rule"] == "noise/promo").unwrap();
    assert!(promo["question_id"].is_null());
    let placeholder =
        json["diagnostics"].as_array().unwrap().iter().find(|d| d["rule"] == "unclear/placeholder").unwrap();
    assert_eq!(placeholder["question_id"], "orm-lazy");
}

#[test]
fn markdown_outputs_are_pinned() {
    let dir = root().join("fixtures/markdown/bad");
    for format in ["human", "concise", "json", "sarif", "github"] {
        let run = djlint(&dir, &["check", ".", "--format", format]);
        insta::assert_snapshot!(format!("markdown_{format}"), run.stdout);
    }
}

fn write(dir: &Path, name: &str, text: &str) {
    std::fs::write(dir.join(name), text).unwrap();
}

#[test]
fn html_comment_suppressions() {
    let tmp = tempfile::tempdir().unwrap();
    let text = "<!-- djlint: ignore[stale] this page is a history -->\n# Guide\n\n## 1. What is Django?\n\nTODO\n\n<!-- djlint: ignore[unclear/placeholder] kept on purpose -->\n## 2. What is a model?\n\nTODO\n\n## 3. What is a view? <!-- djlint: ignore[unclear] -->\n\nTODO\n\n<!-- djlint: ignore[unclear/placeholder -->\n";
    write(tmp.path(), "guide.md", text);
    let (json, _) = check_json(tmp.path(), &["guide.md"]);
    let found: Vec<(String, String)> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["rule"].as_str().unwrap().to_owned(), labelled(text, d).to_owned()))
        .collect();
    assert_eq!(
        found,
        [
            ("schema/unused-suppression".to_owned(), "stale".to_owned()),
            ("unclear/placeholder".to_owned(), "TODO".to_owned()),
            ("schema/invalid-suppression".to_owned(), "<!-- djlint: ignore[unclear/placeholder -->".to_owned()),
        ]
    );
    let placeholder = &json["diagnostics"][1];
    assert_eq!(placeholder["question_id"], "guide.what-is-django");
}

#[test]
fn fix_edits_markdown_by_bytes_and_keeps_everything_else() {
    let tmp = tempfile::tempdir().unwrap();
    let text = "# Guide\r\n\r\n1. What does select_related do?\r\nIt joins the related table in the same query. Django Docs+2StackOverflow+1\r\n2. What is a signal?\r\nDjango Docs+2StackOverflow+1\r\n";
    write(tmp.path(), "guide.md", text);
    let run = djlint(tmp.path(), &["check", "guide.md", "--fix", "--select", "noise"]);
    let fixed = std::fs::read_to_string(tmp.path().join("guide.md")).unwrap();
    assert_eq!(
        fixed,
        text.replacen(" Django Docs+2StackOverflow+1\r\n", "\r\n", 1),
        "only the chip after a sentence goes; an answer that is only a chip is left to a person: {}",
        run.stderr
    );
    assert_eq!(run.code, 1, "the chip that is the whole answer is still reported");
}

#[test]
fn markdown_files_join_a_walk_only_when_included() {
    let tmp = tempfile::tempdir().unwrap();
    write(tmp.path(), "README.md", "# Project\n\nHow to build it.\n");
    write(tmp.path(), "CHANGELOG.md", "## 1.0\n\n- First release.\n\n## 0.9\n\n- Beta.\n");
    write(
        tmp.path(),
        "quiz.md",
        "#### Q1. What is 2 + 2?\n\n- [x] 4\n- [ ] 5\n\n#### Q2. What is 3 + 3?\n\n- [x] 6\n- [ ] 7\n",
    );
    let (json, _) = check_json(tmp.path(), &["."]);
    assert_eq!(json["summary"]["files"], 0, "no Markdown by default: {json}");
    write(tmp.path(), "djlint.toml", "include = [\"quiz.md\"]\n");
    let (json, _) = check_json(tmp.path(), &["."]);
    assert_eq!((json["summary"]["files"].as_u64(), json["summary"]["questions"].as_u64()), (Some(1), Some(2)));
    // A named file is always read, and one that holds no questions says so.
    write(
        tmp.path(),
        "README.md",
        "# Project\n\nHow to build it: see ht tp://example.com. Try our AI app free today!\n",
    );
    let (json, run) = check_json(tmp.path(), &["README.md"]);
    assert_eq!(rules_of(&json), ["schema/no-questions"], "its text is not judged: {}", run.stdout);
}

#[test]
fn a_baseline_and_changed_files_work_on_markdown() {
    let tmp = tempfile::tempdir().unwrap();
    let guide = "## 1. What is a view?\n\nTODO\n\n## 2. What is a model?\n\nTBD\n";
    write(tmp.path(), "guide.md", guide);
    let run =
        djlint(tmp.path(), &["check", "guide.md", "--write-baseline", "b.json", "--select", "unclear/placeholder"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // Questions move and a new one arrives: only the new one is reported.
    write(
        tmp.path(),
        "guide.md",
        "## 1. What is a form?\n\nFIXME\n\n## 2. What is a model?\n\nTBD\n\n## 3. What is a view?\n\nTODO\n",
    );
    let (json, _) = check_json(tmp.path(), &["guide.md", "--baseline", "b.json", "--select", "unclear/placeholder"]);
    let ids: Vec<&str> =
        json["diagnostics"].as_array().unwrap().iter().map(|d| d["question_id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["guide.what-is-a-form"]);
    // `--changed` reports on the named Markdown file only, judged against the bank.
    write(tmp.path(), "other.md", "## 1. What is a view?\n\nTODO\n");
    write(tmp.path(), "djlint.toml", "include = [\"*.md\"]\n");
    let (json, _) = check_json(tmp.path(), &[".", "--changed", "other.md", "--select", "unclear/placeholder"]);
    let files: Vec<&str> =
        json["diagnostics"].as_array().unwrap().iter().map(|d| d["file"].as_str().unwrap()).collect();
    assert_eq!(files, ["other.md"]);
}

/// The four published guides in ../shared/seeds, as they are, check
/// directly: each defect class they show is reported on its text. The
/// project holds none of their text; the test runs where they exist.
#[test]
fn the_seed_articles_check_as_published() {
    let seeds = root().join("../shared/seeds");
    let Ok(entries) = std::fs::read_dir(&seeds) else { return };
    let mut paths: Vec<String> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    paths.sort();
    if paths.len() < 4 {
        return;
    }
    let mut args = vec!["--as-of", "2026-11-21"];
    args.extend(paths.iter().map(String::as_str));
    let (json, _) = check_json(&root(), &args);
    let diags = json["diagnostics"].as_array().unwrap();
    let text_of = |d: &serde_json::Value| {
        let file = std::fs::read_to_string(root().join(d["file"].as_str().unwrap())).unwrap();
        labelled(&file, d).to_owned()
    };
    let with = |rule: &str| diags.iter().filter(|d| d["rule"] == rule).map(text_of).collect::<Vec<_>>();
    // Every question of the four articles is read.
    assert!(json["summary"]["questions"].as_u64().unwrap() >= 125, "{}", json["summary"]);
    // The repeated run and the template answers.
    assert!(!with("duplicate/repeated-run").is_empty());
    assert!(with("duplicate/template").len() >= 3);
    // Advice instead of answers.
    assert!(with("unclear/meta-answer").len() >= 40);
    // Product pitches, in answers and between questions.
    assert!(with("noise/promo").len() >= 10);
    // Citation chips and "Cite:" lines, labelled on the residue itself.
    let chips = with("noise/citation-chip");
    assert!(chips.len() >= 5 && chips.iter().all(|c| c.contains('+')), "{chips:?}");
    let cites = with("noise/inline-citation");
    assert!(cites.len() >= 5 && cites.iter().all(|c| c.starts_with("Cite:")), "{cites:?}");
    // The stale 4.2 LTS, Python 3.13 and "in 2025" claims.
    assert!(with("stale/unsupported-as-current").iter().any(|t| t.contains("4.2")));
    assert!(with("stale/python-support").iter().any(|t| t.contains("3.13")));
    assert!(with("stale/dated-question").iter().any(|t| t.contains("2025")));
}

/// `djlint hook`, as pre-commit runs it on a staged Markdown guide, checks
/// it against the whole bank and reports only what touches it.
#[test]
fn the_hook_checks_a_staged_markdown_guide() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(tmp.path().join("content")).unwrap();
    write(tmp.path(), "djlint.toml", "include = [\"content/*.md\"]\n");
    let old = "## 1. What does the Django ORM do for a project?\n\nIt maps model classes to database tables and turns QuerySet calls into SQL queries.\n\n## 2. How do signals work?\n\nTODO\n";
    write(&tmp.path().join("content"), "basics.md", old);
    let new = "## 1. What does the Django ORM do for a project?\n\nIt maps model classes to database tables and turns QuerySet calls into SQL queries.\n";
    write(&tmp.path().join("content"), "advanced.md", new);
    write(tmp.path(), "README.md", "# Our bank\n");
    let run = djlint(tmp.path(), &["hook", "--format", "concise", "content/advanced.md", "README.md"]);
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 1, "{}", run.stdout);
    assert!(lines[0].starts_with("content/advanced.md:1:7: warning[duplicate/exact]"), "{}", run.stdout);
}

/// Shapes from real quiz pages that were once misread, in our own words:
/// each is read as its author meant, and nothing is reported for it.
#[test]
fn quiz_page_shapes_are_read_as_meant() {
    // Statements to choose from written as headings, and a stem that goes
    // on in a second heading, come before the options: part of the stem.
    let text = "#### Q1. Which settings does the export dialog control?\n\n#### A. Frame rate\n\n#### B. Codec\n\n#### C. Window colour\n\n- [x] A and B\n- [ ] B and C\n- [ ] A and C\n\n#### Q2. A server answers slowly under load.\n\n#### Which metric do you check first?\n\n- [ ] Disk size\n- [x] Request latency percentiles\n";
    let c = read(text, 0, "quiz.md");
    assert_eq!(c.questions.len(), 2);
    assert!(c.findings.is_empty(), "{:?}", c.findings);
    assert!(c.questions[0].question.as_ref().unwrap().value.contains("#### B. Codec"));
    assert_eq!(c.questions[0].choices.len(), 3);
    assert!(c.questions[1].question.as_ref().unwrap().value.ends_with("Which metric do you check first?"));

    // The last option goes on over an indented line: it stays with it.
    let text = "#### Q1. Which statement about the cache is true?\n\n- [x] Entries expire after\n  the configured time to live.\n- [ ] Entries never expire.\n- [ ] The cache is shared by\n  every process on every host.\n\n#### Q2. Which port does HTTPS use by default?\n\n- [x] 443\n- [ ] 80\n";
    let c = read(text, 0, "quiz.md");
    assert!(c.questions[0].choices[2].text.value.ends_with("every process on every host."));
    assert!(c.questions[0].explanation.is_none());

    // A chat export's lead-in between questions is page text, not the
    // explanation of the question before it.
    let text = "#### Q1. Which port does SSH use by default?\n\n- [x] 22\n- [ ] 21\n\nSure, here are 20 more networking questions:\n\n#### Q2. Which port does HTTPS use by default?\n\n- [x] 443\n- [ ] 80\n";
    let c = read(text, 0, "quiz.md");
    assert!(c.questions[0].explanation.is_none());
    assert!(c.prose.iter().any(|p| p.value.starts_with("Sure, here are")));

    // Options written as a lettered list in a page of task lists: read as
    // options with no key, and reported as such.
    let text = "#### Q1. Which port does SSH use by default?\n\n- [x] 22\n- [ ] 21\n\n#### Q2. Which command lists open ports?\n\na) ss -tlnp\nb) ls -l\nc) df -h\n";
    let c = read(text, 0, "quiz.md");
    assert_eq!(c.questions[1].choices.len(), 3);
    assert!(c.questions[1].answer.is_none());
    let rules: Vec<String> = c.findings.iter().map(|f| f.rule.to_string()).collect();
    assert_eq!(rules, ["schema/invalid-key"]);

    // Headings indented inside a list item's answer are part of it.
    let text = "1. ### What is reconciliation\n\n    React compares the new tree with the old one:\n\n    ### Element type\n\n    A different type replaces the whole subtree.\n\n    ### Keys\n\n    Keys match children between renders.\n\n2. ### What is a portal\n\n    A way to render children into another DOM node.\n";
    let c = read(text, 0, "react.md");
    assert_eq!(c.questions.len(), 2);
    assert!(c.questions[0].answer.as_ref().unwrap().value.ends_with("Keys match children between renders."));
}

/// Keyboard shortcuts in options are not citation chips, and a short
/// option that repeats a word is a value, not a paste error.
#[test]
fn option_look_alikes_are_quiet() {
    let tmp = tempfile::tempdir().unwrap();
    let text = "#### Q1. Which shortcut captures a region of the screen on a Mac?\n\n- [ ] Command+3\n- [x] Command+Shift+4\n- [ ] Alt+Shift+4\n- [ ] Shift+4\n\n#### Q2. What does `print(\"Bear\" + \"Bear\")` output?\n\n- [x] BearBear\n- [ ] Bear Bear\n- [ ] an error\n";
    write(tmp.path(), "quiz.md", text);
    let (json, run) = check_json(tmp.path(), &["quiz.md"]);
    assert_eq!(rules_of(&json), Vec::<String>::new(), "{}", run.stdout);
}

/// "What is the output of below code" asks about the code under it: two
/// such questions over different code are different questions, not one
/// question with conflicting answers.
#[test]
fn code_shown_under_a_question_is_part_of_it() {
    let tmp = tempfile::tempdir().unwrap();
    let text = "#### 1. What is the output of below code\n\n```javascript\nconsole.log(typeof null);\n```\n\n- 1: null\n- 2: object\n\n##### Answer: 2\n\n`typeof null` is a historical quirk.\n\n#### 2. What is the output of below code\n\n```javascript\nconsole.log(0.1 + 0.2 === 0.3);\n```\n\n- 1: true\n- 2: false\n\n##### Answer: 2\n\nFloating point sums are not exact.\n";
    let c = read(text, 0, "exercises.md");
    assert!(c.questions[0].question.as_ref().unwrap().value.ends_with("console.log(typeof null);\n```"));
    assert!(c.questions[0].answer.as_ref().unwrap().value.starts_with("- 1: null"));
    write(tmp.path(), "exercises.md", text);
    let (json, run) = check_json(tmp.path(), &["exercises.md"]);
    assert_eq!(rules_of(&json), Vec::<String>::new(), "{}", run.stdout);
}

/// A quiz page that goes on with `Q79. …` paragraphs after its `#### Q78.`
/// headings: each paragraph is a question of its own.
#[test]
fn q_numbered_paragraphs_continue_a_heading_page() {
    let text = "#### Q1. Which port does SSH use by default?\n\n- [x] 22\n- [ ] 21\n\nQ2. Which port does HTTPS use by default?\n\n- [x] 443\n- [ ] 80\n\nExplanation: TLS on the web listens on 443.\n\nQ4. Which port does DNS use?\n\n- [x] 53\n- [ ] 25\n";
    let c = read(text, 0, "ports.md");
    let questions: Vec<&str> = c.questions.iter().map(|q| q.question.as_ref().unwrap().value.as_str()).collect();
    assert_eq!(
        questions,
        ["Which port does SSH use by default?", "Which port does HTTPS use by default?", "Which port does DNS use?"]
    );
    assert!(c.findings.is_empty(), "{:?}", c.findings);
}
