from frontnews.content.units import load_units


def write(tmp_path, text):
    (tmp_path / "content").mkdir(exist_ok=True)
    (tmp_path / "content" / "units.yaml").write_text(text, encoding="utf-8")
    return load_units(tmp_path)


def test_tree_lookups(tmp_path):
    tree, problems = write(
        tmp_path,
        "- slug: tinh\n  name: Ủy ban MTTQ tỉnh A\n  level: tỉnh\n"
        "- name: Ủy ban MTTQ huyện B\n  parent: tinh\n  until: 30/06/2025\n"
        "- slug: xa-c\n  name: Ủy ban MTTQ xã C\n  parent: uy-ban-mttq-huyen-b\n",
    )
    assert problems == []
    assert list(tree.units) == ["tinh", "uy-ban-mttq-huyen-b", "xa-c"]
    assert tree.units["uy-ban-mttq-huyen-b"].until.isoformat() == "2025-06-30"
    assert [u.slug for u in tree.ancestors("xa-c")] == ["tinh", "uy-ban-mttq-huyen-b"]
    assert [u.slug for u in tree.children("tinh")] == ["uy-ban-mttq-huyen-b"]
    assert tree.find("ủy ban mttq xã c").slug == "xa-c"


def test_bad_units_are_reported_at_their_lines(tmp_path):
    _, problems = write(
        tmp_path, "- slug: a\n  name: A\n- slug: a\n  name: B\n- slug: c\n  name: C\n  parent: khong-co\n- level: xã\n"
    )
    assert [(p.line, p.code) for p in problems] == [(3, "FN004"), (8, "FN004"), (5, "FN004")]
