"""A labelled corpus for judging “Các tin tức khác”: story threads among articles that look like them.

    from threads import make_corpus
    corpus = make_corpus(seed=1)   # corpus.articles: list of ArticleSpec; corpus.units; corpus.thread_of

A story thread is one unit's recurring event series: the same kind of event (a yearly Ngày hội
at one khu dân cư, the houses of one programme, the supervision of one road), with the same few
people and its own places, sponsors and subjects, told in different words each time. Around the
threads: hundreds of articles of the same kinds of event in other units (same tags, same
vocabulary, other places), and in the threads' own units articles of other kinds, often with the
same chairman and the same local people (who attend most of the unit's events). Tags are given
as editors give them: the kind's tag mostly, a general one often, a stray one now and then.

Everything is generated from the seed; the Vietnamese is written here, in templates.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

FAMILY = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Vũ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
    "Dương",
    "Lý",
    "Đinh",
    "Trịnh",
    "Lương",
    "Mai",
    "Cao",
    "Tạ",
    "Quách",
]
MIDDLE = ["Văn", "Thị", "Minh", "Quang", "Thu", "Hữu", "Ngọc", "Thanh", "Đức", "Kim", "Xuân", "Bá", "Công"]
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
    "Hòa",
    "Giang",
    "Thắng",
    "Hạnh",
    "Lợi",
    "Trung",
    "Nhung",
    "Phúc",
    "Toàn",
    "Hiền",
    "Long",
    "Tư",
    "Xuân",
    "Oanh",
    "Duyên",
]
PLACES = [
    "Tân Phong",
    "Đông Hòa",
    "Yên Lạc",
    "Thạch Bàn",
    "Phú Mỹ",
    "Hòa Bình",
    "An Khánh",
    "Vĩnh Ninh",
    "Xuân Lâm",
    "Cẩm Giang",
    "Hưng Đạo",
    "Bình Minh",
    "Thanh Xuân",
    "Kim Đường",
    "Lạc Sơn",
    "Quảng Phú",
    "Tiên Lữ",
    "Nghĩa Trụ",
    "Đồng Tâm",
    "Minh Khai",
    "Hồng Phong",
    "Tam Hiệp",
    "Cao Thắng",
    "Hải Bối",
    "Liên Hà",
    "Phương Đình",
    "Trung Nghĩa",
    "Lam Sơn",
    "Đại Áng",
    "Song Mai",
    "Tứ Hiệp",
    "Ninh Hiệp",
    "Mỹ Lộc",
    "Gia Thụy",
    "Đa Tốn",
    "Kiêu Kỵ",
    "Phù Đổng",
    "Dục Tú",
    "Cổ Bi",
    "Lệ Chi",
    "Văn Đức",
    "Trâu Quỳ",
    "Bát Tràng",
    "Hạ Mỗ",
    "Tân Lập",
    "Sơn Đồng",
    "Vân Côn",
    "An Thượng",
    "Đức Giang",
]
HAMLETS = [
    "thôn Đoài",
    "thôn Đông",
    "thôn Trung",
    "thôn Thượng",
    "thôn Hạ",
    "thôn Bến",
    "thôn Chợ",
    "thôn Mới",
    "xóm Cầu",
    "xóm Giữa",
    "bản Na",
    "bản Pom",
    "thôn Gò",
    "thôn Đình",
    "thôn Nội",
    "thôn Ngoại",
]
STREETS = [
    "phố Hàng Than",
    "phố Nguyễn Trãi",
    "đường Trần Phú",
    "phố Lý Thường Kiệt",
    "ngõ Chùa",
    "phố Chợ Cũ",
    "đường Ven Đê",
    "phố Quang Trung",
    "ngõ Giếng",
    "đường Lê Lợi",
    "phố Hòa Mã",
    "đường Bờ Sông",
]
COMPANIES = [
    "Công ty cổ phần Xi măng Đồng Lâm",
    "Ngân hàng Chính sách xã hội huyện",
    "Công ty Điện lực tỉnh",
    "Hội Doanh nhân trẻ tỉnh",
    "Công ty TNHH May Tiến Đạt",
    "Tập đoàn Viễn thông Quân đội",
    "Công ty cổ phần Thủy sản Hải Long",
    "Chùa Phúc Lâm",
    "Hội đồng hương tại Thành phố Hồ Chí Minh",
    "Công ty Gạch men Thạch Bàn",
    "Quỹ Tấm lòng vàng",
    "Công ty cổ phần Mía đường Lam Sơn",
]
KEEP = 0.8  # the share of a thread's articles that name each of its own places, sponsors and subjects
ROMAN = ["XVIII", "XIX", "XX", "XXI", "XXII", "XXIII"]


@dataclass
class ArticleSpec:
    """One generated article, in the terms frontnews reads (front matter and body)."""

    key: str
    title: str
    body: str
    date: dt.datetime
    unit: str
    people: list[tuple[str, str]]  # name, role
    tags: list[str]
    thread: int | None  # the story thread it belongs to, if any


@dataclass
class UnitSpec:
    slug: str
    place: str  # "xã Tân Phong"
    level: str
    parent: str | None
    chairman: str
    vice: str
    locals: list[str] = field(default_factory=list)


@dataclass
class Corpus:
    units: list[UnitSpec]
    articles: list[ArticleSpec]
    threads: int


# Each kind of event: its tags, title templates, and sentences; {…} are filled from the story.
# Slots: unit (xã Tân Phong), Unit (Xã Tân Phong), chair, vice, local, year, n, m, and the kind's own.
KINDS: dict[str, dict] = {
    "tap-huan": {
        "tags": ["tập huấn", "công tác Mặt trận"],
        "slots": {
            "audience": [
                "trưởng ban công tác Mặt trận khu dân cư",
                "ủy viên Ủy ban MTTQ khóa mới",
                "thành viên tổ hòa giải ở cơ sở",
                "thành viên ban giám sát đầu tư của cộng đồng",
                "cán bộ chi hội các đoàn thể",
                "cộng tác viên dư luận xã hội",
            ],
            "topic": [
                "những điểm mới của Điều lệ MTTQ Việt Nam",
                "kỹ năng hòa giải mâu thuẫn trong cộng đồng",
                "cách ghi sổ sách và lập báo cáo",
                "quy trình giám sát đầu tư của cộng đồng",
                "kỹ năng nắm bắt và phản ánh dư luận xã hội",
                "ứng dụng chuyển đổi số trong công tác Mặt trận",
            ],
            "hall": [
                "hội trường Ủy ban nhân dân",
                "nhà văn hóa trung tâm",
                "Trung tâm Chính trị huyện",
                "hội trường Đảng ủy",
            ],
        },
        "titles": [
            "{Unit} tập huấn nghiệp vụ cho {audience} năm {year}",
            "{Unit} mở lớp tập huấn về {topic}",
            "Bồi dưỡng {topic} cho {audience} {unit}",
            "Tập huấn {topic} cho {audience} tại {unit}",
        ],
        "sentences": [
            "Ngày {d}, Ủy ban MTTQ Việt Nam {unit} tổ chức lớp tập huấn nghiệp vụ cho {n} học viên là {audience}.",
            "Lớp học diễn ra tại {hall}, do đồng chí {chair}, Chủ tịch Ủy ban MTTQ Việt Nam {unit} chủ trì.",
            "Báo cáo viên đã giới thiệu chuyên đề {topic}, kết hợp phân tích tình huống thường gặp ở cơ sở.",
            "Các học viên được hướng dẫn cách lập kế hoạch, ghi biên bản và báo cáo kết quả hoạt động hằng quý.",
            "Nhiều học viên đề nghị tăng thời lượng thực hành, thảo luận nhóm để vận dụng ngay vào công việc.",
            "Kết thúc lớp tập huấn, các học viên làm bài thu hoạch và được cấp giấy chứng nhận.",
            "Đây là lần thứ {m} {unit} mở lớp bồi dưỡng dành riêng cho {audience}.",
            "Đồng chí {local} chia sẻ kinh nghiệm về {topic} từ thực tiễn địa phương.",
        ],
    },
    "ngay-hoi": {
        "tags": ["Ngày hội Đại đoàn kết", "công tác Mặt trận"],
        "slots": {
            "area": ["khu dân cư số 3", "khu dân cư số 5", "khu dân cư Bắc Sơn", "khu dân cư Nam Thành"]
            + [f"khu dân cư {h}" for h in HAMLETS],
            "fun": [
                "hội thi gói bánh chưng",
                "giải kéo co giữa các xóm",
                "hội thi nấu cơm bằng niêu đất",
                "chương trình văn nghệ quần chúng",
                "mâm cỗ đoàn kết",
                "trò chơi dân gian đánh đu, ném còn",
            ],
        },
        "titles": [
            "{Area} {unit} vui Ngày hội Đại đoàn kết toàn dân tộc năm {year}",
            "Ngày hội Đại đoàn kết ấm áp ở {area}, {unit}",
            "{Unit} dự Ngày hội Đại đoàn kết tại {area}",
            "Rộn ràng Ngày hội Đại đoàn kết toàn dân tộc ở {area}",
        ],
        "sentences": [
            "Ngày {d}, Ban công tác Mặt trận {area}, {unit} tổ chức Ngày hội Đại đoàn kết toàn dân tộc năm {year}.",
            "Ngày hội nhằm kỷ niệm Ngày truyền thống Mặt trận Tổ quốc Việt Nam, thu hút đông đảo bà con tham gia.",
            "Đồng chí {local}, Trưởng ban công tác Mặt trận {area} báo cáo kết quả thực hiện cuộc vận động toàn dân đoàn kết xây dựng nông thôn mới, đô thị văn minh.",
            "Trong năm, {area} có {n} hộ đạt danh hiệu gia đình văn hóa, không có hộ tái nghèo.",
            "Phần hội diễn ra sôi nổi với {fun}, tạo không khí đầm ấm, đoàn kết trong khu dân cư.",
            "Dịp này, ban tổ chức đã trao quà cho các hộ có hoàn cảnh khó khăn và khen thưởng gia đình văn hóa tiêu biểu.",
            "Đồng chí {chair}, Chủ tịch Ủy ban MTTQ Việt Nam {unit} đánh giá cao tinh thần tự quản của bà con {area}.",
            "Năm nay là năm thứ {m} liên tiếp {area} giữ danh hiệu khu dân cư văn hóa.",
        ],
    },
    "nha": {
        "tags": ["nhà Đại đoàn kết", "Quỹ Vì người nghèo", "an sinh xã hội"],
        "slots": {
            "sponsor": COMPANIES,
            "hamlet": HAMLETS,
            "family": [
                f"{p} {f} {m} {g}"
                for p, f, m, g in [
                    ("ông", "Lò", "Văn", "Tư"),
                    ("bà", "Đinh", "Thị", "Nụ"),
                    ("ông", "Hà", "Văn", "Mạnh"),
                    ("bà", "Sầm", "Thị", "Xuyến"),
                    ("ông", "Vi", "Văn", "Khoa"),
                    ("bà", "Lục", "Thị", "Hoa"),
                    ("ông", "Triệu", "Văn", "Sáng"),
                    ("bà", "Nông", "Thị", "Dịu"),
                ]
            ],
        },
        "titles": [
            "{Unit} trao nhà Đại đoàn kết cho hộ nghèo ở {hamlet}",
            "Khởi công xây dựng nhà Đại đoàn kết cho gia đình {family}, {unit}",
            "{Sponsor} hỗ trợ xây nhà Đại đoàn kết tại {unit}",
            "Bàn giao nhà Đại đoàn kết cho hộ khó khăn về nhà ở tại {hamlet}, {unit}",
        ],
        "sentences": [
            "Ngày {d}, Ủy ban MTTQ Việt Nam {unit} phối hợp với {sponsor} bàn giao nhà Đại đoàn kết cho gia đình {family} ở {hamlet}.",
            "Ngôi nhà có diện tích {n} mét vuông, tổng kinh phí hơn {m} trăm triệu đồng, trong đó {sponsor} hỗ trợ sáu mươi triệu đồng.",
            "Phần còn lại do gia đình đối ứng cùng sự giúp đỡ ngày công của bà con {hamlet} và đoàn viên thanh niên.",
            "Gia đình {family} thuộc diện hộ nghèo, nhiều năm sống trong căn nhà tạm đã xuống cấp.",
            "Đồng chí {chair}, Chủ tịch Ủy ban MTTQ Việt Nam {unit} trao quyết định hỗ trợ và chúc mừng gia đình.",
            "Đây là căn nhà thứ {m} {sponsor} hỗ trợ xây dựng trên địa bàn {unit} trong chương trình xóa nhà tạm, nhà dột nát.",
            "Đồng chí {local} cho biết Ban vận động đã khảo sát, bình xét công khai từng hộ trước khi đề nghị hỗ trợ.",
            "Xúc động nhận chìa khóa nhà mới, gia đình cảm ơn sự quan tâm của cấp ủy, chính quyền và Mặt trận.",
        ],
    },
    "giam-sat": {
        "tags": ["giám sát", "công tác Mặt trận"],
        "slots": {
            "object": [
                "công trình đường giao thông liên thôn",
                "dự án nâng cấp trạm y tế",
                "việc thu gom, xử lý rác thải sinh hoạt",
                "việc chi trả trợ cấp cho người có công",
                "công trình kè chống sạt lở bờ sông",
                "việc thực hiện chính sách bảo hiểm y tế",
            ],
            "hamlet": HAMLETS,
        },
        "titles": [
            "{Unit} giám sát {object} ở {hamlet}",
            "Mặt trận {unit} giám sát {object}",
            "Giám sát {object} tại {hamlet}, {unit}",
            "Đoàn giám sát Mặt trận {unit} kiểm tra {object}",
        ],
        "sentences": [
            "Ngày {d}, đoàn giám sát của Ủy ban MTTQ Việt Nam {unit} do đồng chí {chair}, Chủ tịch Ủy ban MTTQ Việt Nam {unit} làm trưởng đoàn đã giám sát {object} ở {hamlet}.",
            "Đoàn đã kiểm tra hồ sơ, đối chiếu thiết kế và khảo sát thực tế tại hiện trường.",
            "Qua giám sát, đoàn ghi nhận đơn vị thi công cơ bản bảo đảm tiến độ, công khai kinh phí với nhân dân.",
            "Đoàn cũng chỉ ra một số hạn chế như rãnh thoát nước chưa hoàn thiện, biển báo còn thiếu.",
            "Ban giám sát đầu tư của cộng đồng {hamlet} đã phát hiện và kiến nghị khắc phục {n} tồn tại.",
            "Đồng chí {local} đề nghị chủ đầu tư tiếp thu ý kiến của người dân, sớm hoàn thành hạng mục còn lại.",
            "Kết quả giám sát sẽ được tổng hợp, gửi Ủy ban nhân dân {unit} xem xét, chỉ đạo.",
            "Đây là lần giám sát thứ {m} đối với {object} kể từ khi khởi công.",
        ],
    },
    "doi-thoai": {
        "tags": ["đối thoại", "đô thị văn minh"],
        "slots": {
            "issue": [
                "chỉnh trang ngõ phố",
                "giải phóng mặt bằng mở rộng đường",
                "cấp giấy chứng nhận quyền sử dụng đất",
                "tiếng ồn từ xưởng gỗ",
                "lấn chiếm vỉa hè",
                "nước sinh hoạt thường xuyên bị cắt",
            ],
            "street": STREETS,
        },
        "titles": [
            "{Unit} đối thoại với nhân dân về {issue}",
            "Người đứng đầu cấp ủy, chính quyền {unit} đối thoại với người dân {street}",
            "Đối thoại về {issue} tại {street}, {unit}",
            "Lắng nghe người dân {street} bàn về {issue}",
        ],
        "sentences": [
            "Ngày {d}, Ủy ban MTTQ Việt Nam {unit} phối hợp tổ chức hội nghị đối thoại giữa người đứng đầu cấp ủy, chính quyền với nhân dân về {issue}.",
            "Tham dự có hơn {n} hộ dân sinh sống tại {street} cùng đại diện các phòng, ban chuyên môn.",
            "Người dân {street} nêu nhiều ý kiến thẳng thắn về {issue}, mong sớm có phương án giải quyết dứt điểm.",
            "Lãnh đạo địa phương đã trả lời từng ý kiến, cam kết công khai tiến độ xử lý để nhân dân theo dõi.",
            "Đồng chí {chair}, Chủ tịch Ủy ban MTTQ Việt Nam {unit} đề nghị các tổ dân phố tiếp tục nắm bắt tâm tư của người dân.",
            "Đồng chí {local}, tổ trưởng tổ dân phố cho biết việc {issue} đã được bà con bàn bạc nhiều lần.",
            "Sau hội nghị, Ban Thường trực Mặt trận sẽ giám sát việc thực hiện các nội dung đã cam kết.",
            "Đây là lần thứ {m} người dân {street} được đối thoại trực tiếp về {issue}.",
        ],
    },
    "tet": {
        "tags": ["an sinh xã hội", "Quỹ Vì người nghèo"],
        "slots": {
            "receivers": [
                "hộ nghèo, hộ cận nghèo",
                "gia đình chính sách",
                "người cao tuổi neo đơn",
                "công nhân có hoàn cảnh khó khăn",
                "trẻ em mồ côi",
                "người khuyết tật",
            ],
            "sponsor": COMPANIES,
        },
        "titles": [
            "{Unit} thăm, tặng quà Tết cho {receivers}",
            "Mang Tết ấm đến với {receivers} ở {unit}",
            "{Sponsor} trao quà Tết tại {unit}",
            "Trao {n} suất quà Tết cho {receivers} {unit}",
        ],
        "sentences": [
            "Nhân dịp Tết Nguyên đán, Ủy ban MTTQ Việt Nam {unit} phối hợp với {sponsor} trao {n} suất quà cho {receivers}.",
            "Mỗi suất quà gồm tiền mặt, gạo, bánh chưng và nhu yếu phẩm, trị giá khoảng một triệu đồng.",
            "Đồng chí {chair}, Chủ tịch Ủy ban MTTQ Việt Nam {unit} ân cần hỏi thăm sức khỏe, đời sống của từng gia đình.",
            "Kinh phí được trích từ Quỹ Vì người nghèo và sự đóng góp của {sponsor}.",
            "Đồng chí {local} mong các hộ vượt khó, sớm ổn định cuộc sống.",
            "Đây là năm thứ {m} {sponsor} đồng hành cùng Mặt trận {unit} chăm lo Tết cho {receivers}.",
            "Các gia đình bày tỏ niềm vui, cảm ơn sự quan tâm kịp thời của các cấp, các ngành.",
        ],
    },
    "hiep-thuong": {
        "tags": ["hiệp thương", "bầu cử"],
        "slots": {
            "step": ["lần thứ nhất", "lần thứ hai", "lần thứ ba"],
            "body": ["đại biểu Hội đồng nhân dân", "Ủy ban MTTQ khóa mới", "Trưởng ban công tác Mặt trận"],
            "term": ROMAN,
        },
        "titles": [
            "{Unit} tổ chức hội nghị hiệp thương {step}",
            "Hiệp thương giới thiệu người ứng cử {body} {unit}",
            "Hội nghị hiệp thương {step} về nhân sự {body} khóa {term}",
            "{Unit} hiệp thương thỏa thuận cơ cấu {body}",
        ],
        "sentences": [
            "Ngày {d}, Ban Thường trực Ủy ban MTTQ Việt Nam {unit} tổ chức hội nghị hiệp thương {step}.",
            "Hội nghị thỏa thuận về cơ cấu, thành phần, số lượng người được giới thiệu ứng cử {body} khóa {term}.",
            "Theo kết quả hiệp thương, {unit} được giới thiệu {n} người ứng cử, bảo đảm tỷ lệ nữ và người ngoài Đảng.",
            "Đồng chí {chair}, Chủ tịch Ủy ban MTTQ Việt Nam {unit} chủ trì hội nghị.",
            "Các đại biểu thống nhất biểu quyết thông qua biên bản hội nghị.",
            "Đồng chí {local} đề nghị các tổ chức thành viên chuẩn bị kỹ hồ sơ nhân sự theo đúng quy định.",
            "Hội nghị lấy ý kiến cử tri nơi cư trú sẽ được tổ chức trước hội nghị hiệp thương tiếp theo.",
        ],
    },
    "tong-ket": {
        "tags": ["công tác Mặt trận"],
        "slots": {
            "focus": [
                "cuộc vận động toàn dân đoàn kết",
                "phong trào thi đua",
                "công tác giám sát, phản biện",
                "chăm lo người nghèo",
                "công tác tuyên truyền",
            ]
        },
        "titles": [
            "{Unit} tổng kết công tác Mặt trận năm {year}",
            "Mặt trận {unit} triển khai nhiệm vụ năm {next}",
            "Hội nghị tổng kết công tác Mặt trận {unit}",
        ],
        "sentences": [
            "Ngày {d}, Ủy ban MTTQ Việt Nam {unit} tổ chức hội nghị tổng kết công tác Mặt trận năm {year}, triển khai nhiệm vụ năm {next}.",
            "Trong năm, Mặt trận các cấp đã vận động được {n} triệu đồng ủng hộ Quỹ Vì người nghèo.",
            "Nổi bật là {focus}, được nhân dân đồng tình hưởng ứng.",
            "Hội nghị cũng chỉ ra một số hạn chế trong việc nắm bắt tình hình nhân dân ở khu dân cư.",
            "Đồng chí {chair}, Chủ tịch Ủy ban MTTQ Việt Nam {unit} đề nghị đổi mới nội dung, phương thức hoạt động.",
            "Dịp này, {m} tập thể và cá nhân được khen thưởng vì có thành tích xuất sắc.",
        ],
    },
    "moi-truong": {
        "tags": ["môi trường", "đô thị văn minh"],
        "slots": {
            "target": [
                "kênh tiêu thủy lợi",
                "tuyến đường trục xã",
                "bãi tập kết rác",
                "bờ sông Cầu",
                "khu vực chợ",
                "hồ điều hòa",
            ],
            "hamlet": HAMLETS,
        },
        "titles": [
            "{Unit} ra quân làm sạch {target} ở {hamlet}",
            "Ra quân vệ sinh môi trường tại {hamlet}, {unit}",
            "Người dân {hamlet} chung tay làm sạch {target}",
        ],
        "sentences": [
            "Sáng {d}, Ủy ban MTTQ Việt Nam {unit} phát động ra quân vệ sinh môi trường, làm sạch {target} ở {hamlet}.",
            "Hơn {n} đoàn viên, hội viên và người dân đã thu gom rác thải, phát quang bụi rậm, khơi thông dòng chảy.",
            "Đồng chí {local} cho biết {target} từng bị ô nhiễm nặng do rác thải sinh hoạt.",
            "Đồng chí {chair}, Chủ tịch Ủy ban MTTQ Việt Nam {unit} đề nghị duy trì ra quân vào sáng chủ nhật cuối tháng.",
            "Các chi hội cam kết không xả rác ra {target}, phân loại rác tại nguồn.",
            "Đây là đợt ra quân thứ {m} tại {target} trong năm.",
        ],
    },
    "khuyen-hoc": {
        "tags": ["khuyến học", "an sinh xã hội"],
        "slots": {
            "fund": [
                "Quỹ khuyến học dòng họ Nguyễn",
                "Quỹ học bổng Nguyễn Đức Cảnh",
                "Quỹ Ươm mầm tài năng",
                "Quỹ khuyến học Đào Duy Từ",
                "Quỹ học bổng Vừ A Dính",
            ],
            "pupils": [
                "học sinh nghèo vượt khó",
                "tân sinh viên đỗ đại học",
                "học sinh dân tộc thiểu số",
                "học sinh mồ côi",
            ],
        },
        "titles": [
            "{Unit} trao học bổng cho {pupils}",
            "{Fund} trao học bổng tại {unit}",
            "Tiếp sức đến trường cho {pupils} {unit}",
        ],
        "sentences": [
            "Ngày {d}, Ủy ban MTTQ Việt Nam {unit} phối hợp với {fund} trao {n} suất học bổng cho {pupils}.",
            "Mỗi suất học bổng trị giá hai triệu đồng, kèm sách vở và đồ dùng học tập.",
            "{Fund} được thành lập từ sự đóng góp của con em quê hương thành đạt ở khắp mọi miền.",
            "Đồng chí {local} mong các em tiếp tục nỗ lực, học tốt để đền đáp công ơn gia đình, xã hội.",
            "Đồng chí {chair}, Chủ tịch Ủy ban MTTQ Việt Nam {unit} cảm ơn các nhà hảo tâm đã đồng hành cùng {fund}.",
            "Đây là năm thứ {m} {fund} trao học bổng cho {pupils} trên địa bàn.",
        ],
    },
    "thien-tai": {
        "tags": ["an sinh xã hội", "công tác Mặt trận"],
        "slots": {
            "storm": ["cơn bão số ba", "cơn bão số năm", "đợt lũ quét", "đợt mưa lũ lịch sử", "đợt rét đậm, rét hại"],
            "region": [
                "đồng bào các tỉnh miền Trung",
                "đồng bào các tỉnh miền núi phía Bắc",
                "bà con vùng lũ Quảng Bình",
                "đồng bào Tây Nguyên",
            ],
        },
        "titles": [
            "{Unit} ủng hộ {region} bị thiệt hại do {storm}",
            "Nhân dân {unit} chung tay hướng về {region}",
            "Mặt trận {unit} phát động ủng hộ {region}",
        ],
        "sentences": [
            "Hưởng ứng lời kêu gọi của Ủy ban Trung ương MTTQ Việt Nam, Ủy ban MTTQ Việt Nam {unit} phát động ủng hộ {region} bị thiệt hại do {storm}.",
            "Chỉ sau {n} ngày, cán bộ và nhân dân đã ủng hộ hơn {m} trăm triệu đồng cùng nhiều nhu yếu phẩm.",
            "Toàn bộ số tiền được chuyển vào tài khoản Ban Vận động cứu trợ để kịp thời hỗ trợ {region}.",
            "Đồng chí {chair}, Chủ tịch Ủy ban MTTQ Việt Nam {unit} cảm ơn tấm lòng tương thân tương ái của bà con.",
            "Đồng chí {local} cho biết nhiều hộ tuy còn khó khăn vẫn góp gạo, góp áo ấm gửi {region}.",
        ],
    },
    "gop-y": {
        "tags": ["giám sát", "phản biện xã hội"],
        "slots": {
            "draft": [
                "dự thảo Luật Đất đai sửa đổi",
                "dự thảo sửa đổi Hiến pháp",
                "dự thảo Luật Thủ đô",
                "dự thảo Luật Nhà ở sửa đổi",
                "dự thảo Luật Thực hiện dân chủ ở cơ sở",
            ]
        },
        "titles": [
            "{Unit} lấy ý kiến nhân dân góp ý {draft}",
            "Góp ý {draft} tại {unit}",
            "Mặt trận {unit} tổ chức hội nghị phản biện {draft}",
        ],
        "sentences": [
            "Ngày {d}, Ủy ban MTTQ Việt Nam {unit} tổ chức hội nghị lấy ý kiến nhân dân góp ý {draft}.",
            "Hơn {n} đại biểu là cán bộ hưu trí, luật sư, chức sắc tôn giáo và người dân đã tham gia ý kiến.",
            "Nhiều ý kiến đề nghị {draft} quy định rõ hơn quyền và trách nhiệm của người dân.",
            "Đồng chí {chair}, Chủ tịch Ủy ban MTTQ Việt Nam {unit} tiếp thu, tổng hợp đầy đủ các ý kiến.",
            "Đồng chí {local} đề nghị sử dụng ngôn ngữ dễ hiểu để người dân dễ tiếp cận.",
            "Các ý kiến sẽ được gửi Ủy ban MTTQ Việt Nam cấp trên để tổng hợp, báo cáo cơ quan soạn thảo.",
        ],
    },
}

GENERIC = [
    "Tham dự có đại diện lãnh đạo Đảng ủy, Ủy ban nhân dân và các tổ chức chính trị – xã hội.",
    "Qua đó góp phần củng cố khối đại đoàn kết toàn dân tộc, tăng cường mối quan hệ gắn bó giữa Đảng với nhân dân.",
    "Thời gian tới, Mặt trận các cấp tiếp tục đổi mới nội dung, phương thức hoạt động, hướng mạnh về khu dân cư.",
    "Hoạt động được cấp ủy, chính quyền quan tâm chỉ đạo và nhân dân tích cực hưởng ứng.",
    "Ban công tác Mặt trận các khu dân cư đã phối hợp chặt chẽ với chi bộ, trưởng thôn và tổ trưởng tổ dân phố.",
    "Các tổ chức thành viên của Mặt trận đã tích cực tuyên truyền, vận động hội viên tham gia.",
    "Công tác chuẩn bị được thực hiện chu đáo, bảo đảm trang trọng, tiết kiệm.",
    "Nhiều mô hình hay, cách làm hiệu quả ở cơ sở tiếp tục được nhân rộng.",
]

OTHER_TAGS = [
    "nông thôn mới",
    "đô thị văn minh",
    "an sinh xã hội",
    "chuyển đổi số",
    "tôn giáo",
    "dân tộc",
    "an toàn giao thông",
    "công tác Mặt trận",
]


def _person(rng: random.Random, used: set[str]) -> str:
    while True:
        name = f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
        if name not in used:
            used.add(name)
            return name


def make_units(rng: random.Random, used: set[str]) -> list[UnitSpec]:
    """One tỉnh, six huyện or thị xã, eight xã or phường under each: 55 units."""
    places = PLACES[:]
    rng.shuffle(places)
    units = [UnitSpec("tinh-bac-lam", "tỉnh Bắc Lâm", "tỉnh", None, _person(rng, used), _person(rng, used))]
    for d in range(6):
        level = "huyện" if d % 2 else "thị xã"
        district = UnitSpec(
            f"district-{d}", f"{level} {places.pop()}", level, units[0].slug, _person(rng, used), _person(rng, used)
        )
        units.append(district)
        for c in range(8):
            level = "phường" if district.level == "thị xã" else "xã"
            units.append(
                UnitSpec(
                    f"unit-{d}-{c}",
                    f"{level} {places.pop() if places else f'Số {d}{c}'}",
                    level,
                    district.slug,
                    _person(rng, used),
                    _person(rng, used),
                )
            )
    for unit in units:
        unit.locals = [_person(rng, used) for _ in range(3)]
    return units


def _slots(
    rng: random.Random, kind: str, unit: UnitSpec, date: dt.datetime, chosen: dict[str, str], local: str, m: int
) -> dict[str, str]:
    # A thread keeps its places, sponsors and subjects, but not in every article (a reporter's choice).
    values = {
        name: chosen[name] if name in chosen and rng.random() < KEEP else rng.choice(options)
        for name, options in KINDS[kind]["slots"].items()
    }
    values.update(
        unit=unit.place,
        chair=unit.chairman,
        vice=unit.vice,
        local=local,
        year=str(date.year),
        next=str(date.year + 1),
        n=str(rng.randrange(12, 400)),
        m=str(m),
        d=f"{date.day}/{date.month}",
    )
    values.update(
        {
            name[0].upper() + name[1:]: value[0].upper() + value[1:]
            for name, value in list(values.items())
            if name.islower() and value
        }
    )
    return values


def write_article(
    rng: random.Random,
    key: str,
    kind: str,
    unit: UnitSpec,
    date: dt.datetime,
    chosen: dict[str, str],
    locals_: list[str],
    thread: int | None,
    m: int,
) -> ArticleSpec:
    """One article of `kind` in `unit`; `chosen` fixes slots (a thread's own places, sponsors, subjects)."""
    spec = KINDS[kind]
    local = rng.choice(locals_)
    values = _slots(rng, kind, unit, date, chosen, local, m)
    title = rng.choice(spec["titles"]).format(**values)
    title = title[0].upper() + title[1:]
    own = spec["sentences"]
    picked = [own[0]] + rng.sample(own[1:], rng.randrange(3, min(6, len(own) - 1) + 1))
    picked += rng.sample(GENERIC, rng.randrange(1, 4))
    rest = picked[1:]
    rng.shuffle(rest)
    sentences = [s.format(**values) for s in [picked[0], *rest]]
    paragraphs, k = [], 0
    while k < len(sentences):
        size = rng.randrange(1, 4)
        paragraphs.append(" ".join(sentences[k : k + size]))
        k += size
    people = []
    if rng.random() < 0.65:
        people.append((unit.chairman, f"Chủ tịch Ủy ban MTTQ Việt Nam {unit.place}"))
    if rng.random() < 0.25:
        people.append((unit.vice, f"Phó Chủ tịch Ủy ban MTTQ Việt Nam {unit.place}"))
    if local in " ".join(sentences) and rng.random() < 0.6:
        people.append((local, "Trưởng ban công tác Mặt trận"))
    tags = [spec["tags"][0]] if rng.random() < 0.75 else []
    tags += [t for t in spec["tags"][1:] if rng.random() < 0.4]
    if rng.random() < 0.4:
        tags.append("công tác Mặt trận")
    if rng.random() < 0.2:
        tags.append(rng.choice(OTHER_TAGS))
    return ArticleSpec(key, title, "\n\n".join(paragraphs), date, unit.slug, people, sorted(set(tags)), thread)


def make_corpus(seed: int = 1, threads: int = 40, background: int = 520) -> Corpus:
    """`threads` story threads of 6 to 11 articles, among `background` articles of the same kinds."""
    rng = random.Random(seed)
    used: set[str] = set()
    units = make_units(rng, used)
    local_units = [u for u in units if u.level in ("xã", "phường")]
    start = dt.datetime(2018, 1, 1, 8, 0)  # noqa: DTZ001 (naive: the eval gives it Việt Nam time)
    articles: list[ArticleSpec] = []
    taken: set[tuple[str, str]] = set()
    for t in range(threads):
        while True:
            unit, kind = rng.choice(local_units + units[1:7]), rng.choice(sorted(KINDS))
            if (unit.slug, kind) not in taken:
                break
        taken.add((unit.slug, kind))
        chosen = {name: rng.choice(options) for name, options in KINDS[kind]["slots"].items()}
        thread_locals = [unit.locals[t % 3], _person(rng, used)]  # one of the unit's own, one of the story's
        first = start + dt.timedelta(days=rng.randrange(0, 900))
        for k in range(rng.randrange(6, 12)):
            date = first + dt.timedelta(
                days=k * rng.randrange(90, 400) // 2 + rng.randrange(30), hours=rng.randrange(8)
            )
            article = write_article(rng, f"t{t:02d}-{k:02d}", kind, unit, date, chosen, thread_locals, t, k + 2)
            articles.append(article)
    for b in range(background):
        while True:  # another unit's event of any kind, or another kind in a thread's unit
            unit, kind = rng.choice(units), rng.choice(sorted(KINDS))
            if (unit.slug, kind) not in taken:
                break
        date = start + dt.timedelta(days=rng.randrange(0, 8 * 365), hours=rng.randrange(10))
        articles.append(write_article(rng, f"b{b:03d}", kind, unit, date, {}, unit.locals, None, rng.randrange(2, 6)))
    return Corpus(units, articles, threads)
