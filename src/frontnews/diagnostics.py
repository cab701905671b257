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
    "FN006": (
        Severity.WARNING,
        "Trong menu của frontnews.yaml, “{value}” không phải đơn vị hay chủ đề có bài viết nên không được đưa vào menu.{hint}",
    ),
    # FN007 is an article's: the placeholder body of `frontnews new` left in a published article.
    "FN007": (
        Severity.WARNING,
        "Bài còn nội dung mẫu “{marker}” của lệnh frontnews new. Hãy viết nội dung tin thay cho dòng mẫu này.",
    ),
    "FN008": (
        Severity.WARNING,
        "site_unit “{value}” trong frontnews.yaml không phải đơn vị nào trong content/units.yaml.{hint} Hãy ghi slug của đơn vị làm trang này.",
    ),
    # Reading files and front matter
    "FN100": (
        Severity.ERROR,
        "Tệp không được lưu bằng bảng mã UTF-8: ở dòng này, cột {column}, có byte không đọc được.{hint} Hãy lưu lại tệp với bảng mã UTF-8 (Notepad: File → Save As…, ô Encoding chọn UTF-8).{convert}",
    ),
    "FN101": (
        Severity.ERROR,
        "Lỗi cú pháp YAML ở cột {column}: {detail}. Hãy kiểm tra dấu hai chấm, dấu ngoặc kép và thụt lề ở dòng này.",
    ),
    "FN102": (
        Severity.ERROR,
        "Ngày “{value}” không đúng.{hint} Hãy viết theo dạng dd/mm/yyyy hoặc dd/mm/yyyy HH:MM, ví dụ 07/10/2020 15:35.",
    ),
    "FN103": (
        Severity.ERROR,
        "Bài viết thiếu phần thông tin đầu bài. Hãy mở đầu tệp bằng một dòng “---”, các trường title, date, unit, rồi một dòng “---”.",
    ),
    "FN104": (Severity.ERROR, "Thiếu trường bắt buộc “{key}”. Hãy thêm dòng “{key}: …” vào phần thông tin đầu bài."),
    "FN105": (Severity.ERROR, "Không có đơn vị “{value}” trong content/units.yaml.{hint}"),
    "FN106": (
        Severity.ERROR,
        "Người tham dự thứ {index} viết chưa đúng dạng. Hãy viết “Họ và tên – chức vụ, chức vụ” hoặc {{name: …, role: …}}.",
    ),
    "FN107": (Severity.ERROR, "Trường “{key}” phải là {expected}."),
    "FN108": (
        Severity.ERROR,
        "Đường dẫn rút gọn (slug) “{value}” không hợp lệ. Chỉ dùng chữ thường a–z, số 0–9 và dấu gạch nối, ví dụ tap-huan-cong-tac-mat-tran.",
    ),
    "FN109": (
        Severity.ERROR,
        "Hai bài viết cùng địa chỉ {url}: tệp này và {other}. Hãy đổi tiêu đề hoặc thêm trường slug cho một bài.",
    ),
    "FN110": (Severity.WARNING, "Trường “{key}” không được dùng và sẽ bị bỏ qua.{hint}"),
    "FN111": (
        Severity.ERROR,
        "Dòng này có ký tự Tab ở cột {column}. YAML chỉ cho thụt lề bằng dấu cách: hãy thay Tab bằng dấu cách.",
    ),
    "FN112": (Severity.ERROR, "Phần thông tin đầu bài phải gồm các dòng “khóa: giá trị”, ví dụ “title: Tiêu đề”."),
    "FN113": (
        Severity.WARNING,
        "Ngày đăng {date} sau ngày đơn vị “{unit}” kết thúc hoạt động ({until}). Hãy kiểm tra lại đơn vị hoặc ngày.",
    ),
    "FN114": (
        Severity.ERROR,
        "Phần thông tin đầu bài chưa có dòng “---” đóng lại. Hãy thêm một dòng “---” sau trường cuối cùng.",
    ),
    "FN115": (
        Severity.WARNING,
        "Bài hẹn đăng lúc {when}, còn {remaining} nữa, nên chưa lên trang ở lần dựng này.{hint}",
    ),
    # Addresses: slugs, people, clashes between units, old addresses (aliases)
    "FN130": (
        Severity.WARNING,
        "Tiêu đề chỉ có ký hiệu hoặc biểu tượng nên không cho được đường dẫn: bài được đặt ở đường dẫn “{slug}” lấy từ tên tệp. Nếu muốn đường dẫn khác, hãy thêm trường slug, ví dụ slug: hoi-nghi-tong-ket-nam-2024.",
    ),
    "FN131": (
        Severity.ERROR,
        "Tiêu đề và tên tệp đều chỉ có ký hiệu hoặc biểu tượng nên bài không có đường dẫn. Hãy thêm trường slug, ví dụ slug: hoi-nghi-tong-ket-nam-2024, hoặc đặt tên tệp bằng chữ.",
    ),
    "FN132": (
        Severity.WARNING,
        "“{name}” và “{other}” là hai tên khác nhau nhưng cho cùng một đường dẫn, nên được coi là hai người: trang của “{name}” là {url}, của “{other}” là {other_url}. Nếu là một người, hãy viết tên giống hệt nhau ở mọi bài.",
    ),
    "FN133": (
        Severity.WARNING,
        "Bài {other} của {other_unit} cùng tiêu đề, cùng tháng và đã có địa chỉ {url}, nên bài này được đặt ở {new}. Nếu muốn địa chỉ khác, hãy thêm trường slug.",
    ),
    "FN134": (Severity.ERROR, "Địa chỉ cũ “{value}” trong aliases không dùng được: {reason}."),
    "FN135": (
        Severity.WARNING,
        "Địa chỉ cũ {url} trùng với {what}, nên không được chuyển tới bài này. Hãy bỏ nó khỏi aliases.",
    ),
    "FN136": (
        Severity.WARNING,
        "Địa chỉ cũ {url} chính là địa chỉ hiện tại của bài nên không cần chuyển. Hãy bỏ nó khỏi aliases.",
    ),
    "FN137": (
        Severity.WARNING,
        "Địa chỉ của bài đã đổi từ {old} sang {new} kể từ lần dựng trước, nên các liên kết đã chia sẻ tới địa chỉ cũ sẽ không mở được. Để địa chỉ cũ vẫn dẫn tới bài, hãy {action}: {aliases}",
    ),
    "FN138": (
        Severity.WARNING,
        "Chủ đề “{name}” được gộp với chủ đề “{other}” vì hai tên cho cùng một trang {url}. Nếu là một chủ đề, hãy viết giống nhau ở mọi bài; nếu là hai chủ đề khác nhau, hãy đổi tên một chủ đề.",
    ),
    "FN116": (
        Severity.ERROR,
        "Trường “{key}” được viết hai lần (lần đầu ở dòng {first}): frontnews không biết nên giữ giá trị nào. Hãy xóa một trong hai dòng.",
    ),
    "FN117": (
        Severity.ERROR,
        "Dòng này có {name} ở cột {column}: một ký tự điều khiển không nhìn thấy, thường do dán từ Word hoặc trang web. Hãy xóa ký tự đó (đặt con trỏ ở cột {column} rồi nhấn Delete) hoặc gõ lại dòng này.",
    ),
    "FN118": (
        Severity.WARNING,
        "Tên trường “{written}” có {name} ở cột {column}. frontnews đã bỏ ký tự vô hình này và đọc tên trường là “{key}”; hãy gõ lại tên trường cho sạch.",
    ),
    "FN119": (
        Severity.WARNING,
        "Dòng này có {name} ở cột {column}: một ký tự vô hình, thường do dán từ Word hoặc trang web, có thể làm dính hoặc tách sai chữ. Hãy xóa nó hoặc gõ lại chữ ở chỗ đó.",
    ),
    "FN120": (
        Severity.WARNING,
        "Phần “{comment}” bị YAML coi là ghi chú nên bị bỏ, giá trị chỉ còn “{value}”. Nếu nó thuộc về giá trị, hãy đặt cả giá trị trong dấu ngoặc kép; nếu là ghi chú, hãy cách giá trị hai dấu cách và viết “# ” (có dấu cách sau #).",
    ),
    "FN121": (
        Severity.ERROR,
        "“{dropped}” ở đầu giá trị có nghĩa riêng trong YAML nên bị bỏ, giá trị chỉ còn “{value}”. Hãy đặt cả giá trị trong dấu ngoặc kép.",
    ),
    "FN122": (
        Severity.WARNING,
        "Chủ đề “{value}” không có chữ cái hay chữ số nào nên không thể có trang riêng và bị bỏ. Hãy viết chủ đề bằng chữ, hoặc xóa nó.",
    ),
    # Sections, standing pages and documents
    "FN140": (
        Severity.WARNING,
        "Thư mục content/{folder}/ chưa có trong mục sections của frontnews.yaml, nên chuyên mục của nó tạm được gọi là “{name}”. Hãy thêm một dòng “{folder}: Tên chuyên mục” vào sections.",
    ),
    "FN141": (
        Severity.ERROR,
        "Bài nằm ngay trong thư mục content/, không thuộc chuyên mục nào, mà article_url trong frontnews.yaml có {{section}}. Hãy chuyển tệp vào thư mục của một chuyên mục, ví dụ content/tin-tuc/.",
    ),
    "FN142": (
        Severity.WARNING,
        "Trường “{key}” chỉ dùng cho văn bản, trong chuyên mục kiểu văn bản; bài này thuộc chuyên mục “{section}” nên trường bị bỏ qua. Nếu đây là văn bản, hãy chuyển tệp vào thư mục của chuyên mục văn bản; nếu không, hãy xóa dòng này.",
    ),
    "FN143": (
        Severity.ERROR,
        "Tệp văn bản “{src}” không phải một tệp của trang web. Hãy tải tệp về, đặt cạnh bài (ví dụ ke-hoach-so-12.pdf) hoặc trong thư mục static/, rồi ghi tên tệp vào trường file.",
    ),
    "FN144": (
        Severity.ERROR,
        "Trang cố định có địa chỉ {url} trùng với {what}. Hãy đổi tên tệp, hoặc thêm trường slug khác cho trang này.",
    ),
    "FN145": (
        Severity.WARNING,
        "Trong pages của frontnews.yaml, “{value}” không phải địa chỉ của trang cố định nào nên không được đưa vào {where}.{hint}",
    ),
    "FN146": (
        Severity.ERROR,
        "Chuyên mục “{name}” (thư mục content/{folder}/) có địa chỉ {url}, trùng với {what}. Hãy đổi tên thư mục.",
    ),
    # The portal: featured and pinned articles, the site's identity (FN150–FN159)
    "FN150": (
        Severity.ERROR,
        "Không đọc được ngày bỏ ghim “{value}”. Hãy ghi ngày theo dạng dd/mm/yyyy, ví dụ “{example}”: bài được ghim lên đầu danh sách đến hết ngày đó.",
    ),
    "FN151": (
        Severity.WARNING,
        "Bài được ghim đến hết ngày {until}, không sau ngày đăng {date}, nên không lúc nào được ghim. Hãy sửa ngày bỏ ghim, hoặc bỏ dòng pinned.",
    ),
    "FN152": (
        Severity.WARNING,
        "Bài nổi bật (featured: true) chưa có ảnh đầu bài, nên ở khối tin nổi bật của trang chủ bài hiện không có ảnh. Hãy thêm trường image.",
    ),
    "FN153": (
        Severity.ERROR,
        "Không tìm thấy tệp ảnh “{value}” của site.{key}. Hãy đặt tệp trong thư mục static/ và ghi đường dẫn của nó, ví dụ /static/logo.png.",
    ),
    "FN154": (
        Severity.ERROR,
        "Ảnh “{value}” của site.{key} không nằm trong thư mục static/ của trang. Hãy tải ảnh về, đặt trong static/ và ghi đường dẫn của nó, ví dụ /static/logo.png, để trang không phải tải gì từ nơi khác.",
    ),
    # Limits of one article, and text the output cannot carry (content/limits.py, FN160–FN169)
    "FN160": (
        Severity.ERROR,
        "Tệp bài dài {size}, quá giới hạn {limit} của một bài. Hãy kiểm tra xem có dán nhầm cả một tài liệu vào bài không; văn bản dài hãy đính kèm thành tệp .pdf hoặc .docx ([Tải văn bản](ten-tep.pdf)).",
    ),
    "FN161": (
        Severity.ERROR,
        "Dòng này lồng {depth} tầng (danh sách trong danh sách, hoặc trích dẫn “>” trong trích dẫn), quá giới hạn {limit} tầng. Hãy bớt dấu “>” hoặc bớt thụt lề ở đầu dòng.",
    ),
    "FN162": (
        Severity.ERROR,
        "Bài có {count} chỗ chú thích “[^…]”, quá giới hạn {limit}. Hãy gộp bớt chú thích, hoặc đính kèm phần chú thích thành tệp .pdf.",
    ),
    "FN163": (
        Severity.ERROR,
        "Bài có {count} chủ đề, quá giới hạn {limit}. Hãy giữ vài chủ đề chính của bài (thường 2 đến 5).",
    ),
    "FN164": (
        Severity.ERROR,
        "Bài có {count} người tham dự, quá giới hạn {limit}. Hãy chỉ ghi những người chủ trì và phát biểu; danh sách đầy đủ hãy đính kèm thành tệp .pdf hoặc .xlsx.",
    ),
    "FN165": (
        Severity.ERROR,
        "Không dựng được nội dung bài: {src}. Hãy kiểm tra phần thân bài từ dòng này (danh sách, trích dẫn, bảng hoặc chú thích quá phức tạp), rồi viết lại cho đơn giản hơn.",
    ),
    "FN166": (
        Severity.ERROR,
        "“{value}” cho phần đường dẫn “{segment}” dài {size} byte, quá giới hạn {limit} byte của một tên tệp, nên trang không ghi ra đĩa được. Hãy viết ngắn lại{hint}.",
    ),
    "FN168": (
        Severity.ERROR,
        "Tới dòng này bài đã có hơn {limit} mục danh sách và dấu trích dẫn “>”, quá giới hạn của một bài. Hãy chia bài, hoặc đính kèm danh sách dài thành tệp .pdf hoặc .xlsx.",
    ),
    "FN167": (
        Severity.ERROR,
        "Trang {url} có phần đường dẫn “{segment}” dài {size} byte, quá giới hạn {limit} byte của một tên tệp. Hãy rút ngắn tên đơn vị, chủ đề, người hoặc slug cho trang này.",
    ),
    # Body, images and assets
    "FN201": (
        Severity.ERROR,
        "Không tìm thấy ảnh “{src}”. Hãy đặt tệp ảnh cạnh bài viết hoặc trong thư mục static/, rồi kiểm tra lại tên tệp.",
    ),
    "FN202": (
        Severity.ERROR,
        "Đường dẫn “{src}” đi ra ngoài trang web{hint}. Ảnh hãy ghi tên tệp đặt cạnh bài viết, hoặc đường dẫn tới ảnh trong thư mục static/ (ví dụ /static/anh/hoi-nghi.jpg), không dùng “..” hay dấu “\\”; tệp là liên kết tượng trưng (symlink) tới nơi khác thì hãy thay nó bằng chính tệp đó.",
    ),
    "FN203": (
        Severity.ERROR,
        "Ảnh “{src}” nằm ở trang web khác. Hãy tải ảnh về, đặt cạnh bài viết và ghi tên tệp, để trang không phải tải gì từ nơi khác.",
    ),
    "FN204": (
        Severity.ERROR,
        "Không tìm thấy tệp “{src}” mà liên kết trỏ tới. Hãy đặt tệp cạnh bài viết (ghi tên tệp, ví dụ ke-hoach.pdf) hoặc trong thư mục static/ (ghi /static/… hoặc /tên-thư-mục/…), rồi kiểm tra lại tên tệp.",
    ),
    "FN205": (
        Severity.ERROR,
        "Liên kết “{src}” dẫn ra ngoài trang web. Hãy đặt tệp cạnh bài viết hoặc trong thư mục static/ và ghi đường dẫn không có “..” hay dấu “\\”; liên kết tới trang khác của trang web thì ghi địa chỉ bắt đầu bằng “/”, ví dụ /tin-tuc/2024/10/ten-bai/.",
    ),
    "FN206": (
        Severity.ERROR,
        "Tệp “{src}” không thuộc loại được đăng kèm bài viết. Chỉ đăng các tệp văn bản, bảng tính, trình chiếu, tệp nén, ảnh, âm thanh và video (.pdf, .doc, .docx, .xls, .xlsx, .pptx, .odt, .zip, .txt, .jpg …); để liên kết tới bài viết khác, hãy ghi địa chỉ của bài, ví dụ /tin-tuc/2024/10/ten-bai/.",
    ),
    "FN207": (
        Severity.WARNING,
        "Liên kết “{src}” trỏ tới {url}, nhưng trang web không có trang này. Hãy kiểm tra lại địa chỉ (có thể đó là bài nháp hoặc bài chưa tới ngày đăng).",
    ),
    # Photos (media/): unreadable, dangerous, mislabelled or heavy files, and missing descriptions
    "FN230": (
        Severity.ERROR,
        "Không đọc được ảnh “{src}”: {detail}. Hãy mở ảnh trên máy tính hoặc điện thoại, lưu lại thành tệp JPEG rồi đặt lại cạnh bài viết.",
    ),
    "FN231": (
        Severity.ERROR,
        "Ảnh “{src}” bị cụt: tệp chỉ có phần đầu của ảnh (thường do chép hoặc tải về chưa xong). Hãy chép lại tệp ảnh từ máy ảnh hoặc điện thoại.",
    ),
    "FN232": (
        Severity.ERROR,
        "Ảnh “{src}” lớn quá {limit} triệu điểm ảnh nên không được mở, để máy dựng trang không bị treo (có thể là tệp “bom giải nén”). Hãy thu nhỏ ảnh, ví dụ còn 4000 điểm ảnh chiều ngang, rồi đặt lại.",
    ),
    "FN233": (
        Severity.WARNING,
        "Tệp “{src}” có đuôi {suffix} nhưng thật ra là ảnh {real}. Ảnh vẫn được đăng; hãy đổi đuôi tệp thành .{right} và sửa tên tệp ở dòng này cho khớp.",
    ),
    "FN234": (
        Severity.WARNING,
        "Ảnh “{src}” nặng {size} MB, quá 20 MB. Ảnh vẫn được thu nhỏ để đăng, nhưng làm kho bài nặng và dựng trang chậm; hãy lưu lại ảnh nhỏ hơn trước khi đặt vào bài.",
    ),
    "FN235": (
        Severity.WARNING,
        "Ảnh “{src}” có {megapixels} triệu điểm ảnh, quá 40 triệu. Ảnh vẫn được thu nhỏ để đăng, nhưng dựng trang chậm; hãy thu nhỏ ảnh trước khi đặt vào bài.",
    ),
    "FN236": (
        Severity.WARNING,
        "Ảnh “{src}” chưa có mô tả (alt) cho người không nhìn thấy ảnh. Hãy viết một câu ngắn tả ảnh: trong bài là ![mô tả](tên-tệp-ảnh), ở đầu bài là dòng “alt: …” dưới “image:”.",
    ),
    # Files of the site: symlinks, unreadable files, assets that are not what they say (FN240–FN249)
    "FN240": (
        Severity.ERROR,
        "Không đọc được {what} này: {reason}. Hãy cấp quyền đọc cho tệp (chmod a+r) và thư mục (chmod a+rx), hoặc xóa nó khỏi trang.",
    ),
    "FN241": (
        Severity.WARNING,
        "Liên kết tượng trưng (symlink) này không dẫn tới tệp nào ({reason}) nên bị bỏ qua. Hãy xóa nó, hoặc thay bằng chính tệp cần dùng.",
    ),
    "FN242": (
        Severity.ERROR,
        "{name} là một thư mục, không phải tệp, nên không đọc được. Hãy xóa thư mục đó và tạo tệp {name}.",
    ),
    "FN243": (
        Severity.ERROR,
        "“{src}” không phải tệp ảnh: chỉ dùng được ảnh .jpg, .jpeg, .png, .gif, .webp, .avif hoặc .svg. Để liên kết tới một tệp, hãy viết [tên](tệp) không có dấu “!” ở đầu.",
    ),
    "FN244": (
        Severity.ERROR,
        "Tệp “{src}” mang đuôi của ảnh nhưng nội dung không phải ảnh loại đó (có thể là trang web hay tệp khác bị đổi tên). Hãy mở ảnh bằng trình xem ảnh rồi lưu lại đúng định dạng (Save As… chọn JPEG hoặc PNG).",
    ),
    "FN245": (
        Severity.ERROR,
        "Ảnh SVG “{src}” có chứa mã chạy được (thẻ script, thuộc tính như onload, onclick, hoặc liên kết javascript:): mở ảnh này sẽ chạy mã đó trên trang web. Hãy xuất lại ảnh từ phần mềm vẽ (Inkscape: Save As → Plain SVG), hoặc dùng ảnh .png.",
    ),
    # Text pasted from a web page or Word (pasted.py)
    "FN220": (
        Severity.WARNING,
        "Dòng cuối bài “{body}” được đọc là chữ ký, nhưng trường signature ghi “{field}”, nên trang chỉ hiện “{field}”. Hãy xóa dòng này, hoặc bỏ trường signature để dùng dòng này.",
    ),
    "FN221": (
        Severity.WARNING,
        "Dòng này mở đầu bằng chữ thường, viết tiếp câu ở dòng trên (dòng trên không kết thúc bằng dấu câu), nên được nối vào cùng một đoạn. Nếu đúng vậy, hãy nối hai dòng làm một; nếu đây là đoạn mới, hãy thêm dấu chấm vào cuối dòng trên.",
    ),
    "FN222": (
        Severity.WARNING,
        "Dòng này không kết thúc bằng dấu câu (. ! ? …) nên được để thành một đoạn riêng. Nếu là chú thích ảnh, hãy đặt dòng ảnh ![mô tả](tên-tệp-ảnh) ngay trên nó; nếu là tiêu đề mục, hãy mở đầu dòng bằng “## ”; nếu là hết đoạn, hãy thêm dấu chấm; nếu câu còn tiếp ở dòng sau, hãy nối hai dòng làm một.",
    ),
    "FN223": (
        Severity.WARNING,
        "Dòng cuối “{text}” có thể là chữ ký, nhưng được hiện như một đoạn văn, rồi dưới nó còn chữ ký của bài. Nếu là chữ ký, hãy ghi nó vào trường signature ở đầu bài và xóa dòng này; nếu là đoạn văn, hãy thêm dấu chấm ở cuối.",
    ),
    "FN224": (
        Severity.WARNING,
        "Dòng này bị đẩy sang phải bằng dấu cách như một chữ ký nhưng không phải dòng cuối bài, nên được hiện như một đoạn văn. Nếu là chữ ký, hãy chuyển nó xuống cuối bài hoặc ghi vào trường signature; nếu không, hãy xóa các dấu cách ở đầu dòng.",
    ),
    "FN225": (
        Severity.WARNING,
        "Mục “Các tin tức khác” này được chép theo từ trang cũ; trang web tự làm mục ấy cho mỗi bài. Hãy xóa dòng này và các tên bài dưới nó.",
    ),
    "FN226": (
        Severity.WARNING,
        "Từ dòng này, {count} dòng liền nhau được nối thành một đoạn, vì trong Markdown đoạn mới chỉ bắt đầu sau một dòng trống. Nếu mỗi dòng là một đoạn (như văn bản dán từ trang web), hãy thêm một dòng trống giữa các đoạn.",
    ),
    # Templates and output
    "FN301": (Severity.ERROR, "Lỗi trong mẫu giao diện {template}: {detail}."),
    "FN302": (Severity.ERROR, "Đường dẫn đầu ra “{value}” nằm ngoài thư mục xuất bản."),
    "FN303": (Severity.ERROR, "Không ghi được thư mục xuất bản: {detail}."),
    "FN304": (
        Severity.ERROR,
        "Bài viết có địa chỉ {url} trùng với một trang danh sách của trang web. Hãy thêm trường slug khác cho bài, hoặc đổi article_url trong frontnews.yaml.",
    ),
    # The search index (render/search_index.py)
    "FN305": (
        Severity.WARNING,
        "Không tìm thấy chương trình Pagefind nên chỉ mục tìm kiếm không được cập nhật (trang tìm kiếm dùng chỉ mục cũ nếu có); các trang khác vẫn được dựng. Hãy cài bằng lệnh python3 -m pip install 'pagefind[bin]', hoặc ghi search: false trong frontnews.yaml để tắt tìm kiếm.",
    ),
    "FN306": (
        Severity.ERROR,
        "Pagefind không dựng được chỉ mục tìm kiếm cho các bài từ tháng {month}: {detail}. Trang web chưa được cập nhật. Hãy dựng lại; nếu vẫn lỗi, hãy cài lại bằng lệnh python3 -m pip install --force-reinstall 'pagefind[bin]', hoặc ghi search: false trong frontnews.yaml để đăng trang mà không có tìm kiếm.",
    ),
    # The output folder: where a build may publish, and how it commits (render/output_folder.py, commit.py)
    "FN310": (
        Severity.ERROR,
        "Thư mục xuất bản là chính thư mục trang web hoặc chứa nó. Mỗi lần dựng, frontnews thay và xóa tệp trong thư mục xuất bản, nên sẽ đụng tới bài viết, mẫu giao diện và cấu hình: lần dựng này không ghi gì. Hãy dựng vào một thư mục riêng, ví dụ bỏ --out để dùng public/ (mặc định).",
    ),
    "FN311": (
        Severity.ERROR,
        "Thư mục xuất bản {relation} {source} của trang web, nên trang dựng ra sẽ lẫn với nguồn: lần dựng này không ghi gì. Hãy chọn thư mục xuất bản nằm ngoài content/, templates/, static/ và .frontnews-cache/, ví dụ public/ (mặc định).",
    ),
    "FN312": (
        Severity.ERROR,
        "Thư mục xuất bản đã có tệp không do frontnews dựng ({example}) và không có .frontnews/output.json, nên frontnews không ghi vào đó để khỏi xóa hay ghi đè tệp của người khác. Hãy dựng vào một thư mục trống hoặc chưa có (mặc định public/), hoặc dời các tệp đang có ra chỗ khác rồi dựng lại. Được phép có sẵn CNAME, .nojekyll, .well-known/ và .git.",
    ),
    "FN313": (
        Severity.ERROR,
        "Tệp này trong thư mục xuất bản không do frontnews ghi, nhưng lần dựng này cần ghi trang vào đúng chỗ ấy, nên không thay tệp nào. Frontnews không ghi đè hay xóa tệp được đặt vào bằng tay: hãy xóa hoặc dời tệp này đi (trang dựng ra sẽ thế chỗ), rồi dựng lại.",
    ),
    "FN314": (
        Severity.ERROR,
        "Một lần dựng khác của trang này (tiến trình {pid}) vẫn chưa xong sau {seconds} giây chờ, nên lần dựng này không ghi gì. Hãy đợi lần dựng ấy xong rồi dựng lại (biến môi trường FRONTNEWS_LOCK_WAIT đặt số giây chờ).",
    ),
    "FN315": (
        Severity.ERROR,
        "Không có quyền ghi vào thư mục {folder} trong thư mục xuất bản, nên chưa thay tệp nào: trang đã xuất bản trước đó được giữ nguyên. Hãy cho phép ghi vào thư mục ấy (quyền ghi, ổ đĩa không ở chế độ chỉ đọc) rồi dựng lại.",
    ),
    "FN316": (
        Severity.ERROR,
        "Lỗi khi thay tệp trong thư mục xuất bản ({detail}) sau khi đã thay {done} trên {total} tệp: trang đã xuất bản chỉ được cập nhật một phần. Hãy sửa lỗi ấy rồi dựng lại: lần dựng sau dựng lại mọi trang của thư mục này và hoàn tất việc cập nhật.",
    ),
    # The build's own processes
    "FN330": (
        Severity.ERROR,
        "Một tiến trình phụ của frontnews dừng đột ngột ({reason}) nên lần dựng này bị hủy.{where} Hãy đóng bớt chương trình đang chạy rồi dựng lại (với frontnews serve: lưu lại tệp); nếu lỗi lặp lại, hãy kiểm tra tệp được nêu, ví dụ một tệp quá lớn.",
    ),
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


# Values an editor wrote, quoted into a message: never more than this many characters of them.
QUOTED_LIMIT = 100
_WRITTEN = ("value", "src", "key")  # the names of such values in the catalogue's templates


def written(value: object) -> str:
    """What the editor wrote, fit to quote: a non-string named by its type, long text cut short.

    A YAML alias bomb (`slug: *lol`) is a list of lists shared a billion times: never str() it.
    """
    if isinstance(value, (list, tuple, set)):
        return "(một danh sách)"
    if isinstance(value, dict):
        return "(một nhóm khóa: giá trị)"
    text = value if isinstance(value, str) else str(value)
    return text if len(text) <= QUOTED_LIMIT else text[:QUOTED_LIMIT] + "…"


def diag(code: str, path: str, line: int = 0, **values: object) -> Diagnostic:
    """Build a diagnostic from the catalogue; `values` fill the message (`value`, `src`, `key` as `written`)."""
    severity, template = CATALOGUE[code]
    values.setdefault("hint", "")
    for name in _WRITTEN:
        if name in values:
            values[name] = written(values[name])
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
