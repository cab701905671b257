"""Generate a realistic, deterministic frontnews site of N Vietnamese articles for benchmarks.

    python benchmarks/corpus.py --n 10000 --out /dev/shm/fn-10k [--seed 7]

~200 units on three levels (tỉnh → huyện/thị xã → xã/phường), ~500 recurring people with roles,
~60 tags with a Zipf-like spread (a few very common, many rare), dates over ten years, bodies of
several paragraphs (2.5–4 KB). The same seed always gives the same files.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
from pathlib import Path

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Đinh"]
MIDDLE = ["Văn", "Thị", "Minh", "Quang", "Thu", "Hữu", "Ngọc", "Thanh", "Đức", "Kim"]
GIVEN = [
    "An",
    "Bình",
    "Cường",
    "Dũng",
    "Hà",
    "Hưng",
    "Lan",
    "Mai",
    "Nam",
    "Phong",
    "Quân",
    "Sơn",
    "Tâm",
    "Thảo",
    "Tuấn",
    "Vinh",
    "Yến",
    "Hằng",
    "Lực",
    "Khải",
    "Nga",
    "Đức",
    "Hòa",
    "Giang",
]
PLACES = [
    "Đông",
    "Tây",
    "Nam",
    "Bắc",
    "Trung",
    "Thượng",
    "Hạ",
    "Tân",
    "Phú",
    "An",
    "Hòa",
    "Thanh",
    "Kim",
    "Lạc",
    "Xuân",
    "Vĩnh",
    "Bình",
    "Long",
    "Minh",
    "Quang",
]
ROLES = [
    "Chủ tịch Ủy ban MTTQ Việt Nam {u}",
    "Phó Chủ tịch Ủy ban MTTQ Việt Nam {u}",
    "UVTV, Trưởng ban Dân vận",
    "Bí thư Đảng ủy {u}",
    "Chủ tịch UBND {u}",
    "Trưởng ban Công tác Mặt trận",
    "Ủy viên Ban Thường trực",
]
TOPICS = [
    "công tác Mặt trận",
    "an sinh xã hội",
    "Quỹ Vì người nghèo",
    "nhà Đại đoàn kết",
    "giám sát",
    "phản biện xã hội",
    "hiệp thương",
    "bầu cử",
    "nông thôn mới",
    "đô thị văn minh",
    "tôn giáo",
    "dân tộc",
    "đối thoại",
    "tập huấn",
    "khu dân cư",
    "chuyển đổi số",
    "môi trường",
    "an toàn giao thông",
]
EVENTS = [
    "tổ chức hội nghị tổng kết công tác Mặt trận",
    "tập huấn nghiệp vụ cho cán bộ Mặt trận cơ sở",
    "trao nhà Đại đoàn kết cho hộ nghèo",
    "phát động tháng cao điểm Vì người nghèo",
    "tổ chức Ngày hội Đại đoàn kết toàn dân tộc",
    "giám sát việc thực hiện chính sách an sinh",
    "đối thoại với nhân dân về chỉnh trang đô thị",
    "hiệp thương giới thiệu người ứng cử",
    "ra quân làm sạch môi trường khu dân cư",
    "thăm, tặng quà gia đình chính sách dịp Tết",
]
SENTENCES = [
    "Tham dự có đại diện lãnh đạo các ban, ngành, đoàn thể và {k} đại biểu là cán bộ Mặt trận các cấp.",
    "Các đại biểu đã thảo luận, trao đổi kinh nghiệm trong việc nâng cao hiệu quả công tác tuyên truyền, vận động nhân dân.",
    "Qua đó góp phần củng cố khối đại đoàn kết toàn dân tộc, tăng cường mối quan hệ gắn bó giữa Đảng với nhân dân.",
    "Ban Công tác Mặt trận các khu dân cư đã phối hợp chặt chẽ với chi bộ, trưởng thôn và tổ trưởng tổ dân phố.",
    "Trong năm, Mặt trận các cấp đã vận động được {k} triệu đồng ủng hộ Quỹ Vì người nghèo.",
    "Hội nghị cũng đã biểu dương {k} tập thể và cá nhân có thành tích xuất sắc trong các phong trào thi đua.",
    "Nhiều mô hình tự quản ở khu dân cư tiếp tục phát huy hiệu quả, được nhân dân đồng tình hưởng ứng.",
    "Đồng chí đề nghị thời gian tới các đơn vị tiếp tục đổi mới nội dung, phương thức hoạt động, hướng mạnh về cơ sở.",
    "Những ý kiến, kiến nghị của cử tri đã được tổng hợp đầy đủ, gửi tới cơ quan có thẩm quyền xem xét, giải quyết.",
    "Dịp này, ban tổ chức đã trao {k} suất quà cho các hộ có hoàn cảnh khó khăn trên địa bàn.",
    "Công tác giám sát và phản biện xã hội được triển khai đúng quy định, bảo đảm dân chủ, công khai.",
    "Các tầng lớp nhân dân tích cực tham gia giữ gìn vệ sinh môi trường, xây dựng nếp sống văn minh.",
]


def person_name(rng: random.Random) -> str:
    return f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"


def make_units(rng: random.Random) -> list[dict]:
    """One tỉnh, 14 huyện/thị xã, ~13 xã/phường under each: about 200 units."""
    units = [{"slug": "tinh-dong-lam", "name": "Ủy ban MTTQ Việt Nam tỉnh Đông Lâm", "level": "tỉnh"}]
    for d in range(14):
        district = f"huyen-{d:02d}"
        units.append(
            {
                "slug": district,
                "name": f"Ủy ban MTTQ Việt Nam huyện {PLACES[d]} {d}",
                "level": "huyện",
                "parent": "tinh-dong-lam",
                "until": "2025-06-30",
            }
        )
        for c in range(13 + d % 3):
            level = "xã" if c % 3 else "phường"
            units.append(
                {
                    "slug": f"{level.replace('ã', 'a').replace('ư', 'u').replace('ờ', 'o')}-{d:02d}-{c:02d}",
                    "name": f"Ủy ban MTTQ Việt Nam {level} {PLACES[(d + c) % len(PLACES)]} {d}-{c}",
                    "level": level,
                    "parent": district,
                }
            )
    return units


def units_yaml(units: list[dict]) -> str:
    lines = []
    for unit in units:
        lines.append(f"- slug: {unit['slug']}\n  name: {unit['name']}\n  level: {unit['level']}")
        if "parent" in unit:
            lines.append(f"  parent: {unit['parent']}")
        if "until" in unit:
            lines.append(f"  until: {unit['until']}")
    return "\n".join(lines) + "\n"


def zipf_choice(rng: random.Random, items: list, s: float = 1.1):
    rank = min(int(rng.paretovariate(s)) - 1, len(items) - 1)
    return items[rank]


def article_text(
    k: int, rng: random.Random, units: list[dict], people: list[tuple[str, str]], tags: list[str], start: dt.datetime
) -> str:
    unit = rng.choice(units[15:]) if rng.random() < 0.85 else rng.choice(units[:15])
    when = start + dt.timedelta(minutes=rng.randrange(10 * 365 * 24 * 60))
    event = rng.choice(EVENTS)
    place = unit["name"].replace("Ủy ban MTTQ Việt Nam ", "")
    title = f"{place[0].upper()}{place[1:]} {event} (số {k})"
    chosen_tags = sorted({zipf_choice(rng, tags) for _ in range(rng.randrange(1, 5))})
    who = sorted({zipf_choice(rng, people, 0.9) for _ in range(rng.randrange(0, 4))})
    paragraphs = [f"Ngày {when.day}/{when.month}, {unit['name']} {event}."]
    while sum(len(p) for p in paragraphs) < rng.randrange(1800, 3000):
        sentences = [rng.choice(SENTENCES).format(k=rng.randrange(20, 400)) for _ in range(rng.randrange(2, 5))]
        paragraphs.append(" ".join(sentences))
    participants = "".join(f"  - {name} – {role}\n" for name, role in who)
    return (
        f'---\ntitle: "{title}"\ndate: {when.strftime("%d/%m/%Y %H:%M")}\nunit: {unit["slug"]}\n'
        + (f"participants:\n{participants}" if who else "")
        + f"tags: [{', '.join(chosen_tags)}]\n---\n"
        + "\n\n".join(paragraphs)
        + "\n"
    )


def generate(n: int, out: Path, seed: int = 7) -> Path:
    rng = random.Random(seed)
    units = make_units(rng)
    people = [(person_name(rng) + f" {k}", rng.choice(ROLES).format(u="xã")) for k in range(500)]
    tags = TOPICS + [f"{rng.choice(TOPICS)} {rng.choice(PLACES).lower()}" for _ in range(42)]
    tags = sorted(set(tags), key=tags.index)
    # Ten years, in Việt Nam's time (UTC+7), all before the districts end (2025-06-30).
    start = dt.datetime(2015, 1, 1, 7, 0, tzinfo=dt.timezone(dt.timedelta(hours=7)))
    (out / "content" / "tin-tuc").mkdir(parents=True, exist_ok=True)
    (out / "frontnews.yaml").write_text(
        "title: Mặt trận Tổ quốc tỉnh Đông Lâm\nbase_url: https://bench.example.vn/\n", encoding="utf-8"
    )
    (out / "content" / "units.yaml").write_text(units_yaml(units), encoding="utf-8")
    for k in range(n):
        folder = out / "content" / "tin-tuc" / f"{k // 1000:03d}"
        folder.mkdir(exist_ok=True)
        (folder / f"bai-{k:06d}.md").write_text(article_text(k, rng, units, people, tags, start), encoding="utf-8")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    generate(args.n, args.out, args.seed)


if __name__ == "__main__":
    main()
