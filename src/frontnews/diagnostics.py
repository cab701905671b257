"""Stable diagnostic codes, their Vietnamese messages, and the collector."""

from __future__ import annotations

import enum
from dataclasses import dataclass

from .models import pickled_by_fields


class Severity(enum.Enum):
    ERROR = "error"
    WARNING = "warning"


# One entry per code; a code is never reused. Messages are str.format templates.
CATALOGUE: dict[str, tuple[Severity, str]] = {
    # Site configuration and units
    "FN001": (Severity.ERROR, "Không đọc được tệp cấu hình: {detail}. Hãy sửa cú pháp YAML ở dòng này."),
    "FN002": (Severity.ERROR, "Giá trị cấu hình “{key}” không hợp lệ: {detail}."),
    "FN003": (Severity.ERROR, "Không đọc được danh sách đơn vị: {detail}. Hãy sửa cú pháp YAML ở dòng này."),
    "FN004": (Severity.ERROR, "Đơn vị không hợp lệ: {detail}."),
    "FN005": (Severity.WARNING, "Khóa cấu hình “{key}” không được dùng.{hint}"),
    "FN006": (Severity.WARNING, "Trong menu của frontnews.yaml, “{value}” không phải đơn vị hay chủ đề có bài viết nên không được đưa vào menu.{hint}"),
    # Reading files and front matter
    "FN100": (Severity.ERROR, "Tệp không được lưu bằng bảng mã UTF-8: ở dòng này, cột {column}, có byte không đọc được.{hint} Hãy lưu lại tệp với bảng mã UTF-8 (Notepad: File → Save As…, ô Encoding chọn UTF-8).{convert}"),
    "FN101": (Severity.ERROR, "Lỗi cú pháp YAML ở cột {column}: {detail}. Hãy kiểm tra dấu hai chấm, dấu ngoặc kép và thụt lề ở dòng này."),
    "FN102": (Severity.ERROR, "Ngày “{value}” không đúng.{hint} Hãy viết theo dạng dd/mm/yyyy hoặc dd/mm/yyyy HH:MM, ví dụ 07/10/2020 15:35."),
    "FN103": (Severity.ERROR, "Bài viết thiếu phần thông tin đầu bài. Hãy mở đầu tệp bằng một dòng “---”, các trường title, date, unit, rồi một dòng “---”."),
    "FN104": (Severity.ERROR, "Thiếu trường bắt buộc “{key}”. Hãy thêm dòng “{key}: …” vào phần thông tin đầu bài."),
    "FN105": (Severity.ERROR, "Không có đơn vị “{value}” trong content/units.yaml.{hint}"),
    "FN106": (Severity.ERROR, "Người tham dự thứ {index} viết chưa đúng dạng. Hãy viết “Họ và tên – chức vụ, chức vụ” hoặc {{name: …, role: …}}."),
    "FN107": (Severity.ERROR, "Trường “{key}” phải là {expected}."),
    "FN108": (Severity.ERROR, "Đường dẫn rút gọn (slug) “{value}” không hợp lệ. Chỉ dùng chữ thường a–z, số 0–9 và dấu gạch nối, ví dụ tap-huan-cong-tac-mat-tran."),
    "FN109": (Severity.ERROR, "Hai bài viết cùng địa chỉ {url}: tệp này và {other}. Hãy đổi tiêu đề hoặc thêm trường slug cho một bài."),
    "FN110": (Severity.WARNING, "Trường “{key}” không được dùng và sẽ bị bỏ qua.{hint}"),
    "FN111": (Severity.ERROR, "Dòng này có ký tự Tab ở cột {column}. YAML chỉ cho thụt lề bằng dấu cách: hãy thay Tab bằng dấu cách."),
    "FN112": (Severity.ERROR, "Phần thông tin đầu bài phải gồm các dòng “khóa: giá trị”, ví dụ “title: Tiêu đề”."),
    "FN113": (Severity.WARNING, "Ngày đăng {date} sau ngày đơn vị “{unit}” kết thúc hoạt động ({until}). Hãy kiểm tra lại đơn vị hoặc ngày."),
    "FN114": (Severity.ERROR, "Phần thông tin đầu bài chưa có dòng “---” đóng lại. Hãy thêm một dòng “---” sau trường cuối cùng."),
    "FN115": (Severity.WARNING, "Bài hẹn đăng lúc {when}, còn {remaining} nữa, nên chưa lên trang ở lần dựng này.{hint}"),
    "FN116": (Severity.ERROR, "Trường “{key}” được viết hai lần (lần đầu ở dòng {first}): frontnews không biết nên giữ giá trị nào. Hãy xóa một trong hai dòng."),
    "FN117": (Severity.ERROR, "Dòng này có {name} ở cột {column}: một ký tự điều khiển không nhìn thấy, thường do dán từ Word hoặc trang web. Hãy xóa ký tự đó (đặt con trỏ ở cột {column} rồi nhấn Delete) hoặc gõ lại dòng này."),
    "FN118": (Severity.WARNING, "Tên trường “{written}” có {name} ở cột {column}. frontnews đã bỏ ký tự vô hình này và đọc tên trường là “{key}”; hãy gõ lại tên trường cho sạch."),
    "FN119": (Severity.WARNING, "Dòng này có {name} ở cột {column}: một ký tự vô hình, thường do dán từ Word hoặc trang web, có thể làm dính hoặc tách sai chữ. Hãy xóa nó hoặc gõ lại chữ ở chỗ đó."),
    "FN120": (Severity.WARNING, "Phần “{comment}” bị YAML coi là ghi chú nên bị bỏ, giá trị chỉ còn “{value}”. Nếu nó thuộc về giá trị, hãy đặt cả giá trị trong dấu ngoặc kép; nếu là ghi chú, hãy cách giá trị hai dấu cách và viết “# ” (có dấu cách sau #)."),
    "FN121": (Severity.ERROR, "“{dropped}” ở đầu giá trị có nghĩa riêng trong YAML nên bị bỏ, giá trị chỉ còn “{value}”. Hãy đặt cả giá trị trong dấu ngoặc kép."),
    "FN122": (Severity.WARNING, "Chủ đề “{value}” không có chữ cái hay chữ số nào nên không thể có trang riêng và bị bỏ. Hãy viết chủ đề bằng chữ, hoặc xóa nó."),
    # Body, images and assets
    "FN201": (Severity.ERROR, "Không tìm thấy ảnh “{src}”. Hãy đặt tệp ảnh cạnh bài viết hoặc trong thư mục static/, rồi kiểm tra lại tên tệp."),
    "FN202": (Severity.ERROR, "Đường dẫn ảnh “{src}” đi ra ngoài trang web. Hãy dùng đường dẫn tương đối tới tệp cạnh bài viết hoặc trong static/, không dùng “..” hay đường dẫn tuyệt đối."),
    "FN203": (Severity.ERROR, "Ảnh “{src}” nằm ở trang web khác. Hãy tải ảnh về, đặt cạnh bài viết và ghi tên tệp, để trang không phải tải gì từ nơi khác."),
    # Templates and output
    "FN301": (Severity.ERROR, "Lỗi trong mẫu giao diện {template}: {detail}."),
    "FN302": (Severity.ERROR, "Đường dẫn đầu ra “{value}” nằm ngoài thư mục xuất bản."),
    "FN303": (Severity.ERROR, "Không ghi được thư mục xuất bản: {detail}."),
    "FN304": (Severity.ERROR, "Bài viết có địa chỉ {url} trùng với một trang danh sách của trang web. Hãy thêm trường slug khác cho bài, hoặc đổi article_url trong frontnews.yaml."),
}


@pickled_by_fields
@dataclass(frozen=True, slots=True, order=True)
class Diagnostic:
    """One problem found in the site, printed as `path:line: CODE message`."""

    path: str
    line: int
    code: str
    severity: Severity
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        label = "" if self.severity is Severity.ERROR else " (cảnh báo)"
        return f"{where}: {self.code}{label} {self.message}"

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR


def diag(code: str, path: str, line: int = 0, **values: object) -> Diagnostic:
    """Build a diagnostic from the catalogue; `values` fill the message."""
    severity, template = CATALOGUE[code]
    values.setdefault("hint", "")
    return Diagnostic(path, line, code, severity, template.format(**values))


def suggestion(candidates: list[str]) -> str:
    """The " Có phải ý bạn là …?" tail of a message, or nothing."""
    if not candidates:
        return ""
    quoted = ", ".join(f"“{c}”" for c in candidates)
    return f" Có phải ý bạn là {quoted}?"


def sort_key(d: Diagnostic) -> tuple:
    return (d.path, d.line, d.code, d.message)


def errors(diagnostics) -> list[Diagnostic]:
    return [d for d in diagnostics if d.is_error]
