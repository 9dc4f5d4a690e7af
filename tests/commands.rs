//! `respondents`, `check`, `missions` and `simulate` end to end, and a closed pipe.

mod common;

use std::io::Read;
use std::process::{Command, Stdio};

use common::{csv_rows, repo, Workdir, SMALL_YAML};

const RESPONSES: &str = "\
id,region,q1,q2,q3
1,North,Very satisfied,Fairly dissatisfied,10
2,North,Fairly satisfied,,5
3,South,Don't know,Not applicable,
4,South,,,0
";

#[test]
fn respondents_lists_every_index_with_blanks() {
    let wd = Workdir::new();
    wd.write("m.yaml", SMALL_YAML);
    wd.write("r.csv", RESPONSES);
    let out = wd.stdout(&["respondents", "r.csv", "-m", "m.yaml", "--keep", "id,region"]);
    assert_eq!(out, "id,region,alpha,beta\n1,North,100,200\n2,North,100,0\n3,South,0,\n4,South,,-200\n");
    let streamed =
        wd.stdout(&["respondents", "r.csv", "-m", "m.yaml", "-k", "id", "--stream", "--where", "region=South"]);
    assert_eq!(streamed, "id,alpha,beta\n3,0,\n4,,-200\n");
}

#[test]
fn respondents_agree_with_score() {
    // The total of `score` is the mean of what `respondents` prints.
    let wd = Workdir::new();
    let sample = repo().join("examples/levelling-up-2023-sample.csv");
    let sample = sample.to_str().unwrap();
    let rows = csv_rows(&wd.stdout(&["respondents", sample]));
    let score = csv_rows(&wd.stdout(&["score", sample, "-f", "csv"]));
    for (m, mission) in rows[0].iter().enumerate() {
        let values: Vec<f64> = rows[1..].iter().filter(|r| !r[m].is_empty()).map(|r| r[m].parse().unwrap()).collect();
        let mean = values.iter().sum::<f64>() / values.len() as f64;
        let column = score[0].iter().position(|h| h == mission).unwrap();
        let expected: f64 = score[1][column].parse().unwrap();
        assert!((mean - expected).abs() < 1e-9, "{mission}: {mean} vs {expected}");
    }
}

#[test]
fn respondents_writes_nothing_when_a_row_is_bad() {
    let wd = Workdir::new();
    wd.write("m.yaml", SMALL_YAML);
    wd.write("r.csv", "id,q1,q2,q3\n1,Neither,,5\n2,Neither,,12\n");
    let err = wd.fails(&["respondents", "r.csv", "-m", "m.yaml"], 1);
    assert!(err.contains("`12`: row 2"), "{err}");
}

/// Runs luindex with stdout redirected into `out`, as a shell's `>` does.
fn run_into(wd: &Workdir, args: &[&str], out: std::fs::File) -> std::process::ExitStatus {
    Command::new(assert_cmd::cargo::cargo_bin("luindex"))
        .args(args)
        .current_dir(wd.path())
        .env("RUST_BACKTRACE", "0")
        .stdout(out)
        .stderr(Stdio::null())
        .status()
        .unwrap()
}

#[test]
fn respondents_leave_no_half_table_in_a_file() {
    let wd = Workdir::new();
    wd.write("m.yaml", SMALL_YAML);
    let mut data = String::from("id,q1,q2,q3\n");
    for i in 0..5000 {
        data.push_str(&format!("{i},Neither,,5\n"));
    }
    data.push_str("5000,Neither,,12\n");
    wd.write("r.csv", &data);
    let out = std::fs::File::create(wd.path().join("out.csv")).unwrap();
    let status = run_into(&wd, &["respondents", "r.csv", "-m", "m.yaml", "--chunk-bytes", "1000"], out);
    assert_eq!(status.code(), Some(1));
    assert_eq!(std::fs::read(wd.path().join("out.csv")).unwrap(), b"", "the file is cut back to empty");
    // Appending (>>) keeps what the file held before.
    std::fs::write(wd.path().join("kept.csv"), "earlier\n").unwrap();
    let kept = std::fs::OpenOptions::new().append(true).open(wd.path().join("kept.csv")).unwrap();
    let status = run_into(&wd, &["respondents", "r.csv", "-m", "m.yaml"], kept);
    assert_eq!(status.code(), Some(1));
    assert_eq!(std::fs::read_to_string(wd.path().join("kept.csv")).unwrap(), "earlier\n");
    // And a clean file is written whole.
    wd.write("ok.csv", "id,q1,q2,q3\n1,Neither,,5\n");
    let out = std::fs::File::create(wd.path().join("good.csv")).unwrap();
    assert!(run_into(&wd, &["respondents", "ok.csv", "-m", "m.yaml", "-k", "id"], out).success());
    assert_eq!(std::fs::read_to_string(wd.path().join("good.csv")).unwrap(), "id,alpha,beta\n1,0,0\n");
}

#[test]
fn check_reports_clean_files_and_fails_on_problems() {
    let wd = Workdir::new();
    wd.write("m.yaml", SMALL_YAML);
    wd.write("r.csv", RESPONSES);
    assert_eq!(wd.stdout(&["check", "-m", "m.yaml"]), "m.yaml: ok (2 missions, 3 questions, 2 scales)\n");
    assert_eq!(
        wd.stdout(&["check", "r.csv", "-m", "m.yaml"]),
        "m.yaml: ok (2 missions, 3 questions, 2 scales)\nr.csv: ok (4 rows, 3 question columns read)\n"
    );
    wd.write("bad.csv", "id,w,q1,q2,q3\n1,x,Nope,,5\n");
    let err = wd.fails(&["check", "bad.csv", "-m", "m.yaml", "-w", "w"], 1);
    assert_eq!(
        err,
        "luindex: error: bad.csv: 2 bad values found:\n  column `q1`: answers not on scale `sat` (1 row):\n    `Nope`: row 1\n  column `w`: weights must be numbers >= 0 (1 row):\n    `x`: row 1\n"
    );
}

#[test]
fn check_accepts_the_bundled_sample() {
    let wd = Workdir::new();
    let sample = repo().join("examples/levelling-up-2023-sample.csv");
    let out = wd.stdout(&["check", sample.to_str().unwrap(), "--weight", "weight"]);
    assert!(out.ends_with("levelling-up-2023-sample.csv: ok (6189 rows, 65 question columns read)\n"), "{out}");
}

#[test]
fn missions_lists_questions_weights_and_scales() {
    let wd = Workdir::new();
    wd.write("m.yaml", SMALL_YAML);
    let out = wd.stdout(&["missions", "-m", "m.yaml"]);
    insta::assert_snapshot!(out.replace(wd.path().to_str().unwrap(), "."));
    let builtin = wd.stdout(&["missions"]);
    assert!(builtin.contains("12. Devolution [devolution]"), "{builtin}");
    assert!(builtin.contains("Questions for crosstabs (luindex tab -q ID)"), "{builtin}");
    assert!(
        builtin.contains("   priorities  multi-response: 15 options, one column each (q_priority_crime, "),
        "{builtin}"
    );
    assert!(builtin.contains("net Support = Strongly support + Tend to support"), "{builtin}");
}

#[test]
fn simulate_is_reproducible_and_scores_cleanly() {
    let wd = Workdir::new();
    wd.write("m.yaml", SMALL_YAML);
    let a = wd.stdout(&["simulate", "-m", "m.yaml", "--rows", "300", "--seed", "5"]);
    let b = wd.stdout(&["simulate", "-m", "m.yaml", "--rows", "300", "--seed", "5"]);
    let c = wd.stdout(&["simulate", "-m", "m.yaml", "--rows", "300", "--seed", "6"]);
    assert_eq!(a, b);
    assert_ne!(a, c);
    let rows = csv_rows(&a);
    assert_eq!(rows.len(), 301);
    assert_eq!(
        rows[0],
        [
            "id",
            "nation",
            "region",
            "imd_quintile",
            "urban_rural",
            "ons_supergroup",
            "stratum",
            "psu",
            "weight",
            "q1",
            "q2",
            "q3"
        ]
    );
    wd.write("sim.csv", &a);
    wd.stdout(&["check", "sim.csv", "-m", "m.yaml", "-w", "weight"]);
}

#[test]
fn the_bundled_sample_is_what_simulate_makes() {
    let wd = Workdir::new();
    let made = wd.stdout(&["simulate", "--rows", "6189", "--seed", "2023"]);
    let bundled = std::fs::read_to_string(repo().join("examples/levelling-up-2023-sample.csv")).unwrap();
    assert!(made == bundled, "examples/levelling-up-2023-sample.csv is stale: rerun `luindex simulate > examples/levelling-up-2023-sample.csv`");
}

#[test]
fn a_closed_pipe_ends_quietly() {
    let sample = repo().join("examples/levelling-up-2023-sample.csv");
    let sample = sample.to_str().unwrap();
    closed_pipe(&["respondents", sample, "--stream"]);
    closed_pipe(&["respondents", sample]);
    closed_pipe(&["simulate", "--rows", "300000"]);
}

/// Runs luindex, reads a few bytes of its output, closes the pipe: it must exit 0, silently.
fn closed_pipe(args: &[&str]) {
    let wd = Workdir::new();
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("luindex"))
        .args(args)
        .env("RUST_BACKTRACE", "0")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .current_dir(wd.path())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 64];
    stdout.read_exact(&mut first).unwrap();
    drop(stdout);
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(0), "{args:?}");
    assert_eq!(String::from_utf8_lossy(&output.stderr), "", "{args:?}");
}

#[test]
fn help_has_examples_and_exit_codes() {
    let wd = Workdir::new();
    let help = wd.stdout(&["--help"]);
    assert!(help.contains("Exit codes: 0 success, 1 bad input"), "{help}");
    for command in ["score", "tab", "respondents", "check", "missions", "simulate", "sql"] {
        let help = wd.stdout(&[command, "--help"]);
        assert!(help.contains("Examples:"), "{command}: {help}");
    }
}

#[test]
fn completions_and_man_page_come_from_the_command_line_definition() {
    let wd = Workdir::new();
    let bash = wd.stdout(&["completions", "bash"]);
    assert!(bash.contains("respondents") && bash.contains("--lonely-psu"), "{bash}");
    let man = wd.stdout(&["man"]);
    assert!(man.starts_with(".ie") || man.contains(".TH luindex"), "{}", &man[..200.min(man.len())]);
    assert!(man.contains("score"));
}
