//! Duplicate rules (`duplicate/*`): the same content twice, anywhere in the
//! bank.
//!
//! One pass turns every question into word features ([`features`]); three
//! similarity joins ([`join`]) find the similar pairs without comparing all
//! of them; [`check`] then decides, for each question, the one earlier
//! question it copies, folds consecutive copies into runs, groups template
//! answers, and writes one finding per copy, run or group. Every finding
//! points at the later text, with the earlier one as a related location.

pub mod diff;
pub mod features;
pub mod join;
pub mod same;
pub mod text;

use std::collections::BTreeMap;

use crate::bank::{Bank, Question, Text};
use crate::finding::{Finding, Related, Severity, Span};
use crate::rules::Rule;
use features::{Feature, Features};

pub const EXACT: Rule = Rule {
    id: "duplicate/exact",
    severity: Severity::Warning,
    summary: "A question and its answer repeat another question word for word.",
    explanation: "The two questions are the same once case, whitespace, punctuation, Markdown emphasis \
and leading numbering (\"Q26.\", \"26)\") are set aside. Readers see the same card twice and the bank \
looks bigger than it is. The finding points at the later copy and shows the first as a related location. \
Delete the later copy.",
    bad: "questions:\n  - id: orm\n    question: What does the ORM do?\n    answer: It maps model classes to database tables.\n  - id: orm-again\n    question: \"Q26. What does the **ORM** do?\"\n    answer: It maps model classes to database tables\n",
    good: "questions:\n  - id: orm\n    question: What does the ORM do?\n    answer: It maps model classes to database tables.\n",
    fixable: false,
};

pub const NEAR_QUESTION: Rule = Rule {
    id: "duplicate/near-question",
    severity: Severity::Warning,
    summary: "Two questions ask the same thing with small rewording.",
    explanation: "The questions share nearly all their content words (Jaccard similarity of the word sets, \
function words such as \"the\" and \"is\" left out, plurals folded, links left out, at least \
`question-threshold`, 0.8 by default), whatever their answers say, and what differs is not what the question is \
about: no number, identifier, code or quoted name in one and not the other, no content word replaced by another, \
no words trading places around \"to\" or \"from\", no added negation or qualifier (\"not\", \"second\"), \
at most one added word and a common one, and both or neither asking yes or no. A stock question asked three or \
more times with different answers (\"Which statement is true?\", whose meaning lives in its options) is not a \
duplicate. A reader meets the same question twice, often with two answers that drift apart (when the two \
answers are keys that contradict each other, `duplicate/conflicting-answer` reports it instead). The help shows \
a word diff of the two questions. Merge them into one question with the better answer.",
    bad: "questions:\n  - id: orm\n    question: What is the Django ORM?\n    answer: A layer that maps model classes to tables and queries to SQL.\n  - id: orm-2\n    question: What's Django's ORM?\n    answer: The object-relational mapper that ships with Django.\n",
    good: "questions:\n  - id: orm\n    question: What is the Django ORM?\n    answer: A layer that maps model classes to tables and queries to SQL.\n  - id: orm-lazy\n    question: Why are Django querysets lazy?\n    answer: So filters can be chained and only one query runs, when the results are needed.\n",
    fixable: false,
};

pub const NEAR_ANSWER: Rule = Rule {
    id: "duplicate/near-answer",
    severity: Severity::Warning,
    summary: "Two different questions have the same or nearly the same answer.",
    explanation: "The answers share most of their three-word sequences (Jaccard similarity at least \
`answer-threshold`, 0.6 by default; answers with fewer than `min-answer-words` words outside code, links and \
reference lines are not compared). Two questions with one answer means that at least one of them is not really \
answered, or that the questions are the same. Written answers are compared, not answer keys: in a file whose \
answers are a quiz's correct options, options are shared between questions by design. Parallel questions \
(\"…for a ForeignKey?\", \"…for a ManyToManyField?\") whose answers differ only where the questions do, or \
that share most of their words, are left alone: one answer can be right for both. The help shows a word diff \
of the two answers. Write an answer for each question, or merge them.",
    bad: "questions:\n  - id: select-related\n    question: When do you use select_related?\n    answer: It follows foreign keys in the same query with a SQL join, so related objects come back without extra queries.\n  - id: prefetch-related\n    question: When do you use prefetch_related?\n    answer: It follows foreign keys in the same query with a SQL join, so related objects come back without any extra queries.\n",
    good: "questions:\n  - id: select-related\n    question: When do you use select_related?\n    answer: It follows foreign keys in the same query with a SQL join, so related objects come back without extra queries.\n  - id: prefetch-related\n    question: When do you use prefetch_related?\n    answer: For many-to-many and reverse relations it runs one extra query per relation and joins the results in Python.\n",
    fixable: false,
};

pub const TEMPLATE: Rule = Rule {
    id: "duplicate/template",
    severity: Severity::Warning,
    summary: "Three or more answers are one template with only a slot word or two changed.",
    explanation: "Generated banks fill one sentence with a different topic each time (\"X is a core topic \
interviewers use to check fundamentals…\"). Such answers say nothing about their questions. The words an \
answer shares with its own question (its topic) are masked, and answers whose masked texts are nearly the \
same (`template-threshold`, 0.7 by default) form a group when there are at least `min-template-size` of \
them (3 by default). Only written answers are compared: in a file of answer keys (a quiz's correct options), \
parallel questions have parallel options by design, and an option letter over a code block is not a sentence. The group is reported once, at its first answer, with every other member as a related \
location and the slot words that differ named. Questions that share a skeleton (\"What is X?\") are normal \
and are not reported on their own. Write a real answer for each question.",
    bad: "questions:\n  - id: orm\n    question: What is the ORM in Django?\n    answer: The ORM is a core Django topic that interviewers use to check fundamentals, so explain what it does and why it matters.\n  - id: csrf\n    question: What is CSRF in Django?\n    answer: CSRF is a core Django topic that interviewers use to check fundamentals, so explain what it does and why it matters.\n  - id: caching\n    question: What is caching in Django?\n    answer: Caching is a core Django topic that interviewers use to check fundamentals, so explain what it does and why it matters.\n",
    good: "questions:\n  - id: orm\n    question: What is the ORM in Django?\n    answer: The layer that maps model classes to tables and turns queryset calls into SQL.\n  - id: csrf\n    question: What is CSRF in Django?\n    answer: Cross-site request forgery; Django's middleware rejects unsafe requests without a valid token.\n  - id: caching\n    question: What is caching in Django?\n    answer: Storing computed responses or fragments in a backend such as Redis so later requests skip the work.\n",
    fixable: false,
};

pub const REPEATED_RUN: Rule = Rule {
    id: "duplicate/repeated-run",
    severity: Severity::Warning,
    summary: "A run of consecutive questions repeats another run (questions 26–50 repeat 1–25).",
    explanation: "When at least `min-run` (3 by default) consecutive questions each repeat, in order, the \
consecutive questions of another run (word for word or with small rewording), the copies are reported as \
one finding for the run instead of one per question. The finding points at the first copied question and \
lists every earlier question it repeats as a related location; the JSON output lists them all. Delete the \
repeated run.",
    bad: "questions:\n  - id: q1\n    question: What is a model?\n    answer: A class mapped to a table.\n  - id: q2\n    question: What is a view?\n    answer: A callable that takes a request and returns a response.\n  - id: q3\n    question: What is a template?\n    answer: A text file with placeholders that the engine fills in.\n  - id: q4\n    question: Q4. What is a model?\n    answer: A class mapped to a table.\n  - id: q5\n    question: Q5. What is a view?\n    answer: A callable that takes a request and returns a response.\n  - id: q6\n    question: Q6. What is a template?\n    answer: A text file with placeholders that the engine fills in.\n",
    good: "questions:\n  - id: q1\n    question: What is a model?\n    answer: A class mapped to a table.\n  - id: q2\n    question: What is a view?\n    answer: A callable that takes a request and returns a response.\n  - id: q3\n    question: What is a template?\n    answer: A text file with placeholders that the engine fills in.\n",
    fixable: false,
};

pub const CONFLICTING_ANSWER: Rule = Rule {
    id: "duplicate/conflicting-answer",
    severity: Severity::Error,
    summary: "The same question appears twice with answers that contradict each other.",
    explanation: "Two questions ask the same thing (word for word, or with small rewording) and their answers \
are keys that state different values: a different option, number or literal (\"300 seconds\" against \"900 \
seconds\"). In a quiz bank one of the two keys is wrong, which is the worst defect a bank can have. Answers \
are compared as keys when they are an option, a number or a literal, or, in a file of answer keys (a quiz \
whose `answer` is the correct option), a short option text; option labels (\"b)\"), case, quotes and \
trailing punctuation do not count, and written answers are not compared. Questions that differ in a number, \
an identifier or code are different questions and are not paired. Decide which key is right, fix the other, \
and merge the two questions.",
    bad: "questions:\n  - id: lambda-timeout\n    question: What is the longest an AWS Lambda function can run?\n    answer: 900 seconds\n  - id: lambda-timeout-2\n    question: What is the longest an **AWS Lambda** function can run?\n    answer: 300 seconds\n",
    good: "questions:\n  - id: lambda-timeout\n    question: What is the longest an AWS Lambda function can run?\n    answer: 900 seconds\n",
    fixable: false,
};

pub const BUDGET: Rule = Rule {
    id: "duplicate/budget",
    severity: Severity::Info,
    summary: "A cluster of nearly identical texts too large to compare pair by pair; some duplicates may go unreported.",
    explanation: "Comparing every pair in a cluster of thousands of nearly identical questions or answers would take \
time and memory that grow with the square of the cluster. djlint compares each text with at most 64 similar \
texts, and with at most 2,048 texts that share a rare word with it, which keeps the whole check near-linear in \
the size of the bank and still joins the cluster. When a text reaches either limit, this finding says so once \
per comparison (questions, answers, template answers), at the first such text, with how many reached it: the \
duplicates reported for them may be incomplete. Such clusters are usually generated content; deduplicate it at \
the source.",
    bad: "questions:\n  - id: q1\n    question: What is the value of setting 1?\n    answer: It is value 1 of the checklist, read at start-up.\n  # ... and thousands more that differ only in the number\n",
    good: "questions:\n  - id: q1\n    question: What is the value of setting 1?\n    answer: It is value 1 of the checklist, read at start-up.\n",
    fixable: false,
};

pub const RULES: &[&Rule] =
    &[&EXACT, &NEAR_QUESTION, &CONFLICTING_ANSWER, &NEAR_ANSWER, &TEMPLATE, &REPEATED_RUN, &BUDGET];

/// Duplicate settings from `djlint.toml` (`[duplicate]`).
#[derive(Debug, Clone, PartialEq)]
pub struct Options {
    /// Jaccard similarity of question word sets for `near-question`.
    pub question_threshold: f64,
    /// Jaccard similarity of answer word 3-grams for `near-answer`.
    pub answer_threshold: f64,
    /// Jaccard similarity of masked answer 3-grams for `template`.
    pub template_threshold: f64,
    /// Fewest answers in a template group.
    pub min_template_size: usize,
    /// Fewest consecutive copies reported as a run.
    pub min_run: usize,
    /// Answers with fewer words are not compared by `near-answer` or `template`.
    pub min_answer_words: usize,
    /// Compare every pair instead of prefix filtering: the reference the
    /// fast path is tested against. Not a user setting.
    #[doc(hidden)]
    pub exhaustive: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            question_threshold: 0.8,
            answer_threshold: 0.6,
            template_threshold: 0.7,
            min_template_size: 3,
            min_run: 3,
            min_answer_words: 8,
            exhaustive: false,
        }
    }
}

/// The similar pairs of `sets`, by the fast path or exhaustively.
fn similar<K: join::Key>(
    sets: &[&[K]],
    t: f64,
    min_len: usize,
    prefixes: join::Prefixes,
    opts: &Options,
) -> join::Join {
    if opts.exhaustive { join::brute_force(sets, t, min_len) } else { join::join(sets, t, min_len, prefixes) }
}

/// How the later question of a pair repeats the earlier one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Exact,
    NearQuestion,
}

/// The question a later question copies.
#[derive(Debug, Clone, Copy)]
struct Copy {
    of: usize,
    kind: Kind,
}

/// Run the duplicate rules that `enabled` accepts over the whole bank.
pub fn check(
    bank: &Bank,
    opts: &Options,
    key_files: &crate::rules::form::KeyFiles,
    enabled: &dyn Fn(&str) -> bool,
) -> Vec<Finding> {
    if !RULES.iter().any(|r| enabled(r.id)) || bank.questions.len() < 2 {
        return Vec::new();
    }
    let want_templates = enabled(TEMPLATE.id);
    let want_answers = enabled(NEAR_ANSWER.id);
    let mut feats = features::extract(&bank.questions, opts.min_answer_words, want_answers, want_templates);
    crate::memory::release();
    let n = bank.questions.len();

    // Which files hold answer keys (a quiz's correct options), worked out
    // once and only if a rule needs it.
    let key_files = || key_files.get();

    // 1. For each question, the earlier question it copies, if any.
    let judge = same::Judge::new(&bank.questions, &feats);
    // Comparisons cut short by the join's limits, to be said in a finding.
    let mut cut: Vec<(&str, Vec<u32>)> = Vec::new();
    let (copies, question_cut) = find_copies(&feats, &judge, opts);
    cut.push(("questions", question_cut));

    // 2. Consecutive copies of consecutive questions form runs.
    let runs = find_runs(bank, &copies, opts.min_run);
    let mut in_run = vec![false; n];
    for run in &runs {
        in_run[run.later.clone()].fill(true);
    }

    // 3. Copies whose answers are keys that disagree: one key is wrong.
    let conflicts =
        if enabled(CONFLICTING_ANSWER.id) { find_conflicts(bank, &judge, &copies, key_files) } else { Vec::new() };

    let mut out = Vec::new();
    for (j, copy) in copies.iter().enumerate() {
        if let Some(c) = copy
            && !in_run[j]
            && conflicts.binary_search_by_key(&j, |c| c.0).is_err()
        {
            out.push(copy_finding(bank, j, *c));
        }
    }
    out.extend(runs.iter().map(|r| run_finding(bank, &copies, r)));
    out.extend(conflicts.iter().map(|(j, of, keys)| conflict_finding(bank, *j, *of, keys)));

    // 4. Template groups among the questions that are not copies.
    let is_copy = |j: usize| copies[j].is_some();
    let mut group_of = vec![usize::MAX; n];
    if want_templates {
        let masked: Vec<&[u32]> =
            feats.masked.all().enumerate().map(|(j, set)| if is_copy(j) { &[][..] } else { set }).collect();
        let joined = similar(&masked, opts.template_threshold, features::MIN_SHINGLES, join::Prefixes::Longer, opts);
        cut.push(("template answers", joined.cut.clone()));
        let mut groups = groups(&joined, n, opts.min_template_size);
        // In a file of answer keys, parallel questions ("…in a ViewSet?",
        // "…in a GenericAPIView?") have parallel options by design: a
        // template is a skeleton of written answers.
        let keys = key_files();
        groups.retain(|members| members.iter().all(|&m| !keys[bank.questions[m].file] && !bank.questions[m].is_choice));
        for (g, members) in groups.iter().enumerate() {
            for &m in members {
                group_of[m] = g;
            }
            out.push(template_finding(bank, members));
        }
    }

    // 5. Near answers: exact copies, runs and template members are already
    // reported; a reworded question still has its own answer compared.
    if want_answers {
        feats.masked = features::Sets::default();
        crate::memory::release();
        // In a file of answer keys an answer is an option, and quizzes
        // reuse options for different questions by design: only written
        // answers are compared.
        let keys = key_files();
        let answers: Vec<&[u32]> = feats
            .answer
            .all()
            .enumerate()
            .map(|(j, set)| {
                let exact = copies[j].is_some_and(|c| c.kind == Kind::Exact) || in_run[j];
                let option = keys[bank.questions[j].file] || bank.questions[j].is_choice;
                if exact || option || group_of[j] != usize::MAX { &[][..] } else { set }
            })
            .collect();
        let joined = similar(&answers, opts.answer_threshold, features::MIN_SHINGLES, join::Prefixes::Longer, opts);
        cut.push(("answers", joined.cut.clone()));
        for (j, (of, sim)) in earliest_partners(&joined, n, &|_, _| true) {
            // The same pair is not reported twice, and answers that differ
            // only where their questions do answer each its own question.
            if copies[j].is_none_or(|c| c.of != of) && !echo(bank, of, j) && !parallel(&feats, of, j) {
                out.push(near_answer_finding(bank, j, of, sim));
            }
        }
    }
    if enabled(BUDGET.id) {
        out.extend(
            cut.into_iter()
                .filter(|(_, items)| !items.is_empty())
                .map(|(what, items)| budget_finding(bank, what, &items)),
        );
    }
    out
}

fn budget_finding(bank: &Bank, what: &str, items: &[u32]) -> Finding {
    let q = &bank.questions[items[0] as usize];
    let message = format!(
        "{} {what} are each like more than {} others (or share a rare word with more than {}); \
         they were compared with that many only, so some of their duplicates may not be reported",
        items.len(),
        join::MAX_PARTNERS,
        join::MAX_CANDIDATES
    );
    let span = if what == "questions" { question_span(q) } else { answer_span(q) };
    Finding::new(&BUDGET, q.file, span, message)
        .help("such clusters are usually generated content: deduplicate it where it is made".to_owned())
        .question(q.id())
}

/// Questions asked in parallel about two things ("…for a ForeignKey?",
/// "…for a ManyToManyField?"): they share most of their content words, or
/// share half and differ only in names and code. Both can be right with
/// one answer, so a shared answer is not a sign that one is unanswered.
fn parallel(feats: &Features, a: usize, b: usize) -> bool {
    let (fa, fb) = (feats.get(a), feats.get(b));
    let (sim, _) = join::jaccard(fa.question, fb.question);
    let differ_in_names = || {
        let only = |x: Feature, y: Feature| {
            x.question
                .iter()
                .filter(|k| y.question.binary_search(k).is_err())
                .all(|k| x.literal.binary_search(k).is_ok())
        };
        only(fa, fb) || only(fb, fa)
    };
    sim >= 0.7 || (sim >= 0.5 && differ_in_names())
}

/// Whether two different answers differ only in words each takes from its
/// own question ("…to be used for the view" and "…for the ViewSet" under
/// questions about a view and a viewset).
fn echo(bank: &Bank, a: usize, b: usize) -> bool {
    let words = |t: &Option<Text>, content: bool| -> std::collections::HashSet<u64> {
        let mut v = Vec::new();
        text::tokenize(value(t), &mut v, &mut String::new());
        v.into_iter().filter(|t| !(content && t.stop)).map(|t| t.stem).collect()
    };
    let (qa, qb) = (&bank.questions[a], &bank.questions[b]);
    let (aa, ab) = (words(&qa.answer, true), words(&qb.answer, true));
    let (only_a, only_b): (Vec<u64>, Vec<u64>) =
        (aa.difference(&ab).copied().collect(), ab.difference(&aa).copied().collect());
    if only_a.is_empty() && only_b.is_empty() {
        return false;
    }
    let (ka, kb) = (words(&qa.question, false), words(&qb.question, false));
    only_a.iter().all(|w| ka.contains(w)) && only_b.iter().all(|w| kb.contains(w))
}

/// For each question, the earlier question it repeats: same normalised
/// question and answer (exact), or the most similar earlier question.
fn find_copies(feats: &Features, judge: &same::Judge, opts: &Options) -> (Vec<Option<Copy>>, Vec<u32>) {
    let n = feats.len();
    let mut copies: Vec<Option<Copy>> = vec![None; n];
    let mut first_exact: text::FastMap<u64, usize> = text::FastMap::default();
    first_exact.reserve(n);
    for (j, &exact) in feats.exact.iter().enumerate() {
        if let Some(h) = exact {
            match first_exact.get(&h) {
                Some(&of) => copies[j] = Some(Copy { of, kind: Kind::Exact }),
                None => {
                    first_exact.insert(h, j);
                }
            }
        }
    }
    let sets: Vec<&[u64]> = feats.question.all().collect();
    let joined = similar(&sets, opts.question_threshold, 2, join::Prefixes::Classic, opts);
    for (j, (of, _)) in earliest_partners(&joined, n, &|j, of| copies[j].is_some() || judge.rewords(of, j)) {
        if copies[j].is_none() {
            copies[j] = Some(Copy { of, kind: Kind::NearQuestion });
        }
    }
    (copies, joined.cut)
}

/// For each item with a similar earlier item that `accept(item, earlier)`
/// takes: that item, the most similar one, the earliest among equals. In
/// item order.
fn earliest_partners(
    joined: &join::Join,
    n: usize,
    accept: &dyn Fn(usize, usize) -> bool,
) -> Vec<(usize, (usize, f32))> {
    let mut best: Vec<Option<(usize, f32)>> = vec![None; n];
    let mut offer = |j: usize, of: usize, sim: f32| {
        if of < j && best[j].is_none_or(|(b, s)| sim > s || (sim == s && of < b)) && accept(j, of) {
            best[j] = Some((of, sim));
        }
    };
    for (j, rep) in joined.rep.iter().enumerate() {
        if let Some(r) = *rep
            && r as usize != j
        {
            offer(j, r as usize, 1.0);
        }
    }
    // A pair of representatives stands for every member of both groups.
    let mut members: text::FastMap<u32, Vec<usize>> =
        joined.pairs.iter().flat_map(|&(a, b, _)| [(a, Vec::new()), (b, Vec::new())]).collect();
    for (j, rep) in joined.rep.iter().enumerate() {
        if let Some(m) = rep.and_then(|r| members.get_mut(&r)) {
            m.push(j);
        }
    }
    for &(a, b, sim) in &joined.pairs {
        for &x in &members[&b] {
            offer(x, a as usize, sim);
        }
        for &x in &members[&a] {
            offer(x, b as usize, sim);
        }
    }
    best.into_iter().enumerate().filter_map(|(j, b)| Some((j, b?))).collect()
}

/// The copies (later, earlier) of a question, in the same content words,
/// whose answers are keys that state different values, with the two keys,
/// in order of the later one.
fn find_conflicts<'b>(
    bank: &Bank,
    judge: &same::Judge,
    copies: &[Option<Copy>],
    key_files: impl Fn() -> &'b [bool],
) -> Vec<(usize, usize, (String, String))> {
    let candidates: Vec<(usize, usize)> = copies
        .iter()
        .enumerate()
        .filter_map(|(j, c)| c.filter(|c| c.kind == Kind::NearQuestion).map(|c| (j, c.of)))
        .filter(|&(j, of)| judge.same_words(of, j) && judge.has_one_answer(j))
        .collect();
    if candidates.is_empty() {
        return Vec::new();
    }
    let key_files = key_files();
    let key = |i: usize| {
        let q = &bank.questions[i];
        q.answer.as_ref().and_then(|a| same::answer_key(&a.value, key_files[q.file] || q.is_choice))
    };
    candidates
        .into_iter()
        .filter_map(|(j, of)| {
            let (later, earlier) = (key(j)?, key(of)?);
            same::contradict(&earlier, &later).then_some((j, of, (earlier, later)))
        })
        .collect()
}

/// A run: `later[k]` copies `earlier[k]` for every k.
#[derive(Debug)]
struct Run {
    earlier: std::ops::Range<usize>,
    later: std::ops::Range<usize>,
}

fn find_runs(bank: &Bank, copies: &[Option<Copy>], min_run: usize) -> Vec<Run> {
    let q = &bank.questions;
    let mut runs = Vec::new();
    let mut j = 0;
    while j < copies.len() {
        let Some(c) = copies[j] else {
            j += 1;
            continue;
        };
        // Question j + len continues the run if it copies the question after
        // the last one copied, both sides stay in their files, and the
        // earlier side stays before the run.
        let mut len = 1;
        while let Some(Some(d)) = copies.get(j + len) {
            if d.of != c.of + len || d.of >= j || q[j + len].file != q[j].file || q[d.of].file != q[c.of].file {
                break;
            }
            len += 1;
        }
        if len >= min_run.max(2) {
            runs.push(Run { earlier: c.of..c.of + len, later: j..j + len });
        }
        j += len;
    }
    runs
}

/// Groups of at least `min_size` items joined by similar pairs.
fn groups(joined: &join::Join, n: usize, min_size: usize) -> Vec<Vec<usize>> {
    let mut parent: Vec<usize> = (0..n).collect();
    fn root(parent: &mut [usize], mut x: usize) -> usize {
        while parent[x] != x {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        x
    }
    let mut union = |a: usize, b: usize| {
        let (ra, rb) = (root(&mut parent, a), root(&mut parent, b));
        if ra != rb {
            parent[ra.max(rb)] = ra.min(rb);
        }
    };
    for (j, rep) in joined.rep.iter().enumerate() {
        if let Some(r) = *rep {
            union(j, r as usize);
        }
    }
    for &(a, b, _) in &joined.pairs {
        union(a as usize, b as usize);
    }
    let mut size = vec![0u32; n];
    for (j, rep) in joined.rep.iter().enumerate() {
        if rep.is_some() {
            let r = root(&mut parent, j);
            size[r] += 1;
        }
    }
    let mut by_root: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (j, rep) in joined.rep.iter().enumerate() {
        if rep.is_some() {
            let r = root(&mut parent, j);
            if size[r] as usize >= min_size.max(2) {
                by_root.entry(r).or_default().push(j);
            }
        }
    }
    by_root.into_values().collect()
}

// ---------------------------------------------------------------------------
// Findings

fn label(q: &Question) -> String {
    match q.id() {
        Some(id) => format!("`{id}`"),
        None => format!("question {}", q.index + 1),
    }
}

fn question_span(q: &Question) -> Span {
    q.question.as_ref().map_or(q.span, |t| t.span)
}

fn answer_span(q: &Question) -> Span {
    q.answer.as_ref().map_or(q.span, |t| t.span)
}

fn value(t: &Option<Text>) -> &str {
    t.as_ref().map_or("", |t| t.value.as_str())
}

/// "`q1`", or "`q1` in other.yaml" when it is in another file than `from`.
fn where_(bank: &Bank, from: &Question, q: &Question) -> String {
    if q.file == from.file { label(q) } else { format!("{} in {}", label(q), bank.file(q.file).name) }
}

fn copy_finding(bank: &Bank, j: usize, c: Copy) -> Finding {
    let (q, orig) = (&bank.questions[j], &bank.questions[c.of]);
    let related = Related::new(orig.file, orig.id(), question_span(orig), "first asked here");
    match c.kind {
        Kind::Exact => Finding::new(
            &EXACT,
            q.file,
            question_span(q),
            format!("repeats {} word for word, question and answer", where_(bank, q, orig)),
        )
        .help("delete this copy; keep the first one")
        .question(q.id())
        .related(related),
        Kind::NearQuestion => {
            let (asks, mut help) = asked(q, orig);
            let message = format!("{asks} {}", where_(bank, q, orig));
            help.push_str("merge the two into one question and keep the better answer");
            Finding::new(&NEAR_QUESTION, q.file, question_span(q), message).help(help).question(q.id()).related(related)
        }
    }
}

/// How `q` asks what `orig` asks ("asks the same question as", or nearly
/// the same), and the start of a help: the word diff when they differ.
fn asked(q: &Question, orig: &Question) -> (&'static str, String) {
    let same = value(&q.question).split_whitespace().eq(value(&orig.question).split_whitespace());
    if same {
        return ("asks the same question as", String::new());
    }
    let diff = diff::word_diff(value(&orig.question), value(&q.question));
    ("asks nearly the same question as", format!("the questions differ only in: {diff}\n"))
}

fn conflict_finding(bank: &Bank, j: usize, of: usize, keys: &(String, String)) -> Finding {
    let (q, orig) = (&bank.questions[j], &bank.questions[of]);
    let (asks, mut help) = asked(q, orig);
    let shorten = |k: &str| {
        let mut s: String = k.chars().take(40).collect();
        if k.chars().count() > 40 {
            s.push('…');
        }
        s
    };
    let message = format!(
        "{asks} {} with a different answer: `{}` here, `{}` there",
        where_(bank, q, orig),
        shorten(&keys.1),
        shorten(&keys.0)
    );
    help.push_str("one of the two answers is wrong: decide which, fix it, and keep one question");
    Finding::new(&CONFLICTING_ANSWER, q.file, answer_span(q), message)
        .help(help)
        .question(q.id())
        .related(Related::new(orig.file, orig.id(), answer_span(orig), format!("answered `{}` here", shorten(&keys.0))))
}

fn numbers(r: &std::ops::Range<usize>, bank: &Bank) -> String {
    let q = &bank.questions;
    format!("{}–{}", q[r.start].index + 1, q[r.end - 1].index + 1)
}

fn run_finding(bank: &Bank, copies: &[Option<Copy>], run: &Run) -> Finding {
    let q = &bank.questions;
    let (first, orig) = (&q[run.later.start], &q[run.earlier.start]);
    let elsewhere = if orig.file == first.file { String::new() } else { format!(" of {}", bank.file(orig.file).name) };
    let reworded = run.later.clone().filter(|&j| copies[j].is_some_and(|c| c.kind == Kind::NearQuestion)).count();
    let how = match reworded {
        0 => "word for word".to_owned(),
        n if n == run.later.len() => "with small rewording".to_owned(),
        n => format!("({n} with small rewording)"),
    };
    let message = format!(
        "questions {} repeat questions {}{elsewhere} {how}",
        numbers(&run.later, bank),
        numbers(&run.earlier, bank)
    );
    let mut f = Finding::new(&REPEATED_RUN, first.file, question_span(first), message)
        .help(format!(
            "{} consecutive questions copy an earlier run in order; delete the repeated run",
            run.later.len()
        ))
        .question(first.id());
    // The earlier questions first (shown with the finding), then every
    // later copy after the first, so the JSON lists each question.
    for (e, l) in run.earlier.clone().zip(run.later.clone()) {
        f = f.related(Related::new(
            q[e].file,
            q[e].id(),
            question_span(&q[e]),
            format!("repeated by {}", label(&q[l])),
        ));
    }
    for (e, l) in run.earlier.clone().zip(run.later.clone()).skip(1) {
        f = f.related(Related::new(q[l].file, q[l].id(), question_span(&q[l]), format!("repeats {}", label(&q[e]))));
    }
    f
}

fn near_answer_finding(bank: &Bank, j: usize, of: usize, sim: f32) -> Finding {
    let (q, orig) = (&bank.questions[j], &bank.questions[of]);
    let (a, b) = (value(&orig.answer), value(&q.answer));
    let same = a.split_whitespace().eq(b.split_whitespace());
    let message = if same {
        format!("has the same answer as {}", where_(bank, q, orig))
    } else {
        format!("has nearly the same answer ({:.0}% alike) as {}", sim * 100.0, where_(bank, q, orig))
    };
    let mut help = String::new();
    if !same {
        help.push_str(&format!("the answers differ only in: {}\n", diff::word_diff(a, b)));
    }
    help.push_str(
        "the questions differ, so at least one of them is not really answered: write an answer for each, or merge them",
    );
    Finding::new(&NEAR_ANSWER, q.file, answer_span(q), message).help(help).question(q.id()).related(Related::new(
        orig.file,
        orig.id(),
        answer_span(orig),
        "the same answer",
    ))
}

fn template_finding(bank: &Bank, members: &[usize]) -> Finding {
    let q = &bank.questions;
    let (first, second) = (&q[members[0]], &q[members[1]]);
    let slots = features::slot_values(members.iter().map(|&m| &q[m]));
    let same_answer =
        members.iter().all(|&m| value(&q[m].answer).split_whitespace().eq(value(&first.answer).split_whitespace()));
    let mut message = if same_answer {
        format!("{} different questions have the same answer", members.len())
    } else {
        format!("{} answers share one template", members.len())
    };
    if let Some(slots) = &slots {
        let shown: Vec<&str> = slots.values.iter().take(6).map(String::as_str).collect();
        let more = if slots.values.len() > shown.len() { ", …" } else { "" };
        let what = if slots.from_questions { "the topic" } else { "a word or two" };
        message.push_str(&format!("; only {what} differs: {}{more}", shown.join(", ")));
    }
    let mut help = String::new();
    if !same_answer {
        help.push_str(&format!(
            "{} vs {}: {}\n",
            label(first),
            label(second),
            diff::word_diff(value(&first.answer), value(&second.answer))
        ));
    }
    help.push_str("these answers do not answer their questions; write a specific answer for each");
    let mut f = Finding::new(&TEMPLATE, first.file, answer_span(first), message).help(help).question(first.id());
    for (k, &m) in members.iter().enumerate().skip(1) {
        let slot = slots.as_ref().map(|s| format!(": {}", s.values[k])).unwrap_or_default();
        f = f.related(Related::new(q[m].file, q[m].id(), answer_span(&q[m]), format!("same template{slot}")));
    }
    f
}
