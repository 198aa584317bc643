//! The command line as a new user meets it: help, completions, the manual
//! page, and config mistakes reported where they are.

use assert_cmd::Command;
use clap::CommandFactory;
use predicates::prelude::*;
use std::path::Path;

const CEASEFIRE: &str = "icor-2025-10-31-secure-the-victory-of-the-ceasefire";

/// The binary with an empty user library and no config of its own.
fn resreader(home: &Path) -> Command {
    let mut cmd = Command::cargo_bin("resreader").expect("binary");
    cmd.env_remove("RESREADER_LIBRARY")
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("RESREADER_CACHE", home.join("cache"))
        .env("RESREADER_STATE", home.join("state.json"))
        .arg("--library")
        .arg(home.join("library"));
    cmd
}

fn stdout_of(cmd: &mut Command) -> String {
    let out = cmd.assert().success().get_output().stdout.clone();
    String::from_utf8(out).expect("UTF-8")
}

fn command_names() -> Vec<String> {
    resreader::cli::Cli::command()
        .get_subcommands()
        .map(|c| c.get_name().to_string())
        .collect()
}

#[test]
fn every_argument_of_every_command_is_described() {
    let mut cmd = resreader::cli::Cli::command();
    cmd.build();
    let mut undescribed = Vec::new();
    for sub in std::iter::once(&cmd).chain(cmd.get_subcommands()) {
        for arg in sub.get_arguments().filter(|a| !a.is_hide_set()) {
            if arg.get_help().is_none() && arg.get_long_help().is_none() {
                undescribed.push(format!("{} {}", sub.get_name(), arg.get_id()));
            }
        }
        for value in arg_values(sub) {
            undescribed.push(format!("{} {value}", sub.get_name()));
        }
    }
    assert_eq!(undescribed, Vec::<String>::new());
}

/// Possible values of an argument that have no description.
fn arg_values(cmd: &clap::Command) -> Vec<String> {
    cmd.get_arguments()
        .flat_map(|a| {
            a.get_possible_values()
                .into_iter()
                .filter(|v| v.get_help().is_none())
                .map(|v| format!("{}={}", a.get_id(), v.get_name()))
                .collect::<Vec<_>>()
        })
        .filter(|v| !v.starts_with("shell=")) // clap_complete's shells name themselves
        .collect()
}

#[test]
fn help_puts_global_options_apart_and_ends_with_examples() {
    let home = tempfile::tempdir().unwrap();
    for name in std::iter::once(None).chain(command_names().into_iter().map(Some)) {
        if name.as_deref() == Some("help") {
            continue;
        }
        let mut cmd = resreader(home.path());
        cmd.args(name.iter()).arg("--help");
        let help = stdout_of(&mut cmd);
        let own = help.find("Options:").expect("own options");
        let global = help.find("Global options:").expect("global options");
        let examples = help.find("Examples:").expect("examples");
        assert!(own < global && global < examples, "{name:?}:\n{help}");
        assert!(
            help[examples..]
                .lines()
                .skip(1)
                .any(|l| l.trim_start().starts_with("resreader")),
            "{name:?}: examples are commands:\n{help}"
        );
        // The command's own options are not repeated among the global ones.
        assert!(!help[global..examples].contains("--json"), "{name:?}");
    }
    let mut cmd = resreader(home.path());
    let top = stdout_of(cmd.arg("--help"));
    assert!(
        top.contains("standard output") && top.contains("standard error"),
        "{top}"
    );
}

#[test]
fn bash_completion_completes_commands_and_values() {
    let home = tempfile::tempdir().unwrap();
    let script = stdout_of(resreader(home.path()).args(["completions", "bash"]));
    let file = home.path().join("resreader.bash");
    std::fs::write(&file, script).unwrap();
    let complete = |words: &str| -> String {
        let line = format!(
            "source {}; COMP_WORDS=({words}); COMP_CWORD=$((${{#COMP_WORDS[@]}}-1)); _resreader resreader \"${{COMP_WORDS[-1]}}\" \"${{COMP_WORDS[-2]}}\"; echo \"${{COMPREPLY[*]}}\"",
            file.display()
        );
        let out = std::process::Command::new("bash")
            .args(["-c", &line])
            .output()
            .expect("bash");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap().trim().to_string()
    };
    assert_eq!(complete("resreader exp"), "export");
    assert_eq!(complete("resreader export --format ''"), "json tmx md");
    let all = complete("resreader ''");
    for name in command_names() {
        assert!(all.split(' ').any(|w| w == name), "{name} in {all}");
    }
}

#[test]
fn zsh_and_fish_completions_name_every_command() {
    let home = tempfile::tempdir().unwrap();
    let zsh = stdout_of(resreader(home.path()).args(["completions", "zsh"]));
    assert!(zsh.starts_with("#compdef resreader"), "{}", &zsh[..80]);
    let fish = stdout_of(resreader(home.path()).args(["completions", "fish"]));
    for name in command_names() {
        assert!(zsh.contains(&format!("'{name}:")), "zsh lacks {name}");
        assert!(
            fish.contains(&format!("-a \"{name}\"")),
            "fish lacks {name}"
        );
    }
    resreader(home.path())
        .args(["completions", "tcsh"])
        .assert()
        .code(2);
}

#[test]
fn the_manual_page_has_every_command_and_the_examples() {
    let home = tempfile::tempdir().unwrap();
    let page = stdout_of(resreader(home.path()).arg("man"));
    assert!(page.contains(".TH resreader 1"), "{page}");
    assert!(page.contains(".SH \"GLOBAL OPTIONS\""));
    assert!(page.contains(".SH EXAMPLES") && !page.contains(".SH EXTRA"));
    for name in command_names().iter().filter(|n| *n != "help") {
        assert!(page.contains(&format!("resreader\\-{name}(1)")), "{name}");
    }
    let export = stdout_of(resreader(home.path()).args(["man", "export"]));
    assert!(export.contains(".TH resreader-export 1"));
    assert!(export.contains("tmx") && export.contains("The resolution\\*(Aqs id"));

    let dir = home.path().join("man1");
    resreader(home.path())
        .args(["man", "--dir"])
        .arg(&dir)
        .assert()
        .success();
    let mut written: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    written.sort();
    let mut expected: Vec<String> = command_names()
        .iter()
        .filter(|n| *n != "help")
        .map(|n| format!("resreader-{n}.1"))
        .chain(["resreader.1".to_string()])
        .collect();
    expected.sort();
    assert_eq!(written, expected);
    resreader(home.path())
        .args(["man", "nonsense"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("`nonsense` is not a command"));
}

#[test]
fn read_without_a_terminal_says_so_in_words() {
    let home = tempfile::tempdir().unwrap();
    resreader(home.path())
        .args(["read", CEASEFIRE])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("the reader needs a terminal"))
        .stderr(predicate::str::contains(format!(
            "resreader show {CEASEFIRE}"
        )))
        .stderr(predicate::str::contains("os error").not());
}

#[test]
fn a_config_file_that_is_not_there_is_an_error() {
    let home = tempfile::tempdir().unwrap();
    let missing = home.path().join("nowhere.toml");
    resreader(home.path())
        .arg("--config")
        .arg(&missing)
        .arg("list")
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("nowhere.toml: no such file"));
    // The default one may be missing: the defaults apply.
    resreader(home.path()).arg("list").assert().success();
}

#[test]
fn config_exits_non_zero_and_points_at_the_real_line() {
    let home = tempfile::tempdir().unwrap();
    let config = home.path().join("config.toml");
    std::fs::write(
        &config,
        "languages = [\"ru\"]\n\ntext.bidi = \"sideways\"\nexport = { clipboard = true, clipbaord = 1 }\n[theme\nname = \"light\"\n",
    )
    .unwrap();
    let out = resreader(home.path())
        .arg("--config")
        .arg(&config)
        .arg("config")
        .assert()
        .code(1)
        .stderr(predicate::str::contains("problem(s) in the config file"))
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).unwrap();
    assert!(
        out.contains("config.toml:3: bidi is auto, app, terminal or off, not `sideways`"),
        "{out}"
    );
    assert!(
        out.contains("config.toml:4: unknown setting `clipbaord` (did you mean `clipboard`?)"),
        "{out}"
    );
    assert!(out.contains("config.toml:5: not valid TOML"), "{out}");
    // The valid part still applies: Russian titles first.
    let list = stdout_of(
        resreader(home.path())
            .arg("--config")
            .arg(&config)
            .arg("list"),
    );
    assert!(
        list.contains(&format!(
            "{CEASEFIRE}\t2025-10-31\tICOR\ten,ru\tСейчас нужно"
        )),
        "{list}"
    );
    // A clean config: exit 0.
    std::fs::write(&config, "languages = [\"ru\"]\n").unwrap();
    resreader(home.path())
        .arg("--config")
        .arg(&config)
        .arg("config")
        .assert()
        .success();
}

/// Two translations of a short statement, for a library of one's own.
fn write_statement(dir: &Path) -> (std::path::PathBuf, std::path::PathBuf) {
    let en = dir.join("statement.en.txt");
    let ru = dir.join("statement.ru.txt");
    std::fs::write(
        &en,
        "Solidarity with the striking dock workers\n\nThe workers of the port have been on strike for three weeks. \
         They demand higher wages and safe working conditions for everyone.\n\n\
         We call on all trade unions to support their struggle with donations and visits.\n",
    )
    .unwrap();
    std::fs::write(
        &ru,
        "Солидарность с бастующими портовыми рабочими\n\nРабочие порта бастуют уже три недели. \
         Они требуют повышения заработной платы и безопасных условий труда для всех.\n\n\
         Мы призываем все профсоюзы поддержать их борьбу пожертвованиями и визитами.\n",
    )
    .unwrap();
    (en, ru)
}

fn ids(home: &Path) -> Vec<String> {
    stdout_of(resreader(home).args(["list", "--no-bundled"]))
        .lines()
        .map(|l| {
            format!(
                "{} [{}]",
                l.split('\t').next().unwrap(),
                l.split('\t').nth(3).unwrap()
            )
        })
        .collect()
}

#[test]
fn remove_and_rename_manage_the_user_library_and_never_the_bundled_one() {
    let home = tempfile::tempdir().unwrap();
    let (en, ru) = write_statement(home.path());
    resreader(home.path())
        .args(["import", "--id", "dockers"])
        .arg(&en)
        .arg(&ru)
        .assert()
        .success();
    assert_eq!(ids(home.path()), vec!["dockers [en,ru]"]);

    resreader(home.path())
        .args(["remove", "dockers", "--lang", "ru"])
        .assert()
        .success()
        .stdout("removed the ru translation of dockers\n");
    assert_eq!(ids(home.path()), vec!["dockers [en]"]);
    assert!(!home.path().join("library/dockers/ru.md").exists());
    resreader(home.path())
        .args(["remove", "dockers", "--lang", "en"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("the only translation"));
    resreader(home.path())
        .args(["remove", "dockers", "--lang", "fr"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("has no `fr` translation"));

    // Rename: the place reached and the bookmarks follow.
    std::fs::write(
        home.path().join("state.json"),
        r#"{"version": 1, "last": {"id": "dockers", "columns": ["en"], "block": 2},
            "positions": {"dockers/en": 2, "other/en": 5},
            "bookmarks": [{"id": "dockers", "lang": "en", "block": 1, "note": "wages"}]}"#,
    )
    .unwrap();
    resreader(home.path())
        .args(["rename", "dockers", "dock-strike-2026"])
        .assert()
        .success();
    assert_eq!(ids(home.path()), vec!["dock-strike-2026 [en]"]);
    assert!(!home.path().join("library/dockers").exists());
    let state: serde_json::Value =
        serde_json::from_slice(&std::fs::read(home.path().join("state.json")).unwrap()).unwrap();
    assert_eq!(state["last"]["id"], "dock-strike-2026");
    assert_eq!(state["positions"]["dock-strike-2026/en"], 2);
    assert_eq!(state["positions"]["other/en"], 5);
    assert_eq!(state["bookmarks"].as_array().unwrap().len(), 1);
    assert_eq!(state["bookmarks"][0]["id"], "dock-strike-2026");
    assert_eq!(state["bookmarks"][0]["note"], "wages");
    // The renamed resolution reads as before.
    let text =
        stdout_of(resreader(home.path()).args(["show", "dock-strike-2026", "--width", "200"]));
    assert!(text.contains("striking dock workers"), "{text}");

    for (args, message) in [
        (
            vec!["rename", "dock-strike-2026", "Bad Id"],
            "not a usable id",
        ),
        (
            vec!["rename", "dock-strike-2026", CEASEFIRE],
            "already in the library",
        ),
        (
            vec!["rename", "nothing-here", "x"],
            "no resolution with id `nothing-here`",
        ),
        (vec!["remove", CEASEFIRE], "is bundled with resreader"),
        (
            vec!["rename", CEASEFIRE, "mine"],
            "is bundled with resreader",
        ),
        (
            vec!["remove", CEASEFIRE, "--lang", "ru"],
            "is bundled with resreader",
        ),
    ] {
        resreader(home.path())
            .args(&args)
            .assert()
            .code(1)
            .stderr(predicate::str::contains(message));
    }
    assert!(stdout_of(resreader(home.path()).arg("list")).contains(CEASEFIRE));

    resreader(home.path())
        .args(["remove", "dock-strike-2026"])
        .assert()
        .success();
    assert_eq!(ids(home.path()), Vec::<String>::new());
}

#[test]
fn files_open_directly_and_print_side_by_side_without_a_terminal() {
    let home = tempfile::tempdir().unwrap();
    let (en, ru) = write_statement(home.path());
    for args in [vec![], vec!["read"]] {
        let text = stdout_of(resreader(home.path()).args(&args).arg(&en).arg(&ru));
        let line = text
            .lines()
            .find(|l| l.contains("The workers"))
            .unwrap_or_else(|| panic!("{text}"));
        assert!(line.contains(" │ Рабочие"), "side by side: {line}");
    }
    let text = stdout_of(resreader(home.path()).arg("read").arg(&ru));
    assert!(text.starts_with("Солидарность с бастующими"), "{text}");
    // Nothing was written to the library.
    assert!(!home.path().join("library").exists());
    assert_eq!(ids(home.path()), Vec::<String>::new());
}

#[test]
fn a_mistyped_command_or_id_is_not_taken_for_a_file() {
    let home = tempfile::tempdir().unwrap();
    resreader(home.path())
        .arg("lsit")
        .assert()
        .code(1)
        .stderr(predicate::str::contains("lsit: cannot read"))
        .stderr(predicate::str::contains("(did you mean `resreader list`?)"));
    resreader(home.path())
        .args(["read", "no-such-thing"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "`no-such-thing`: no resolution with this id (see `resreader list`), and no such file",
        ));
}
