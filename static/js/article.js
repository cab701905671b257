// An article's two tools that need a script; without it both are plain links that still work.
// - "Sao chép liên kết" copies the page's canonical address (without script: a link to the page).
// - A video (markup/video.py) is a link drawn as a poster: a click puts the player in its place,
//   so nothing is asked of YouTube or Facebook before the reader wants the video (without script,
//   or with a modifier key, the link opens the video on its site).
(function () {
  "use strict";

  function copyLink(link) {
    var canonical = document.querySelector('link[rel="canonical"]');
    var address = canonical ? canonical.href : window.location.href;
    var box = link.closest(".share");
    var status = box ? box.querySelector(".share__status") : null;
    function say(text) {
      if (status) {
        status.textContent = text;
      }
    }
    navigator.clipboard.writeText(address).then(function () {
      say("Đã sao chép liên kết bài viết.");
    }, function () {
      say("Không sao chép được: hãy sao chép địa chỉ trên thanh địa chỉ của trình duyệt.");
    });
  }

  function play(link) {
    var frame = document.createElement("iframe");
    var caption = link.parentNode.querySelector("figcaption");
    frame.className = "video__frame";
    frame.src = link.getAttribute("data-embed");
    frame.title = caption ? caption.textContent.trim() : link.textContent.trim();
    frame.allow = "autoplay; encrypted-media; picture-in-picture; fullscreen";
    frame.allowFullscreen = true;
    frame.referrerPolicy = "strict-origin-when-cross-origin";
    link.parentNode.replaceChild(frame, link);
    frame.focus();
  }

  document.addEventListener("click", function (event) {
    if (event.defaultPrevented || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) {
      return;
    }
    var link = event.target.closest("a[data-embed], a[data-copy-link]");
    if (!link) {
      return;
    }
    if (link.hasAttribute("data-embed")) {
      event.preventDefault();
      play(link);
    } else if (navigator.clipboard) {  // only on https (and localhost): elsewhere the link stays a link
      event.preventDefault();
      copyLink(link);
    }
  });
})();
