// The search page (/tim-kiem/): finds articles in the browser with Pagefind, from the index that
// `frontnews build` writes under /pagefind/, one index ("shard") per few months of articles, merged.
//
// Vietnamese either way: Pagefind folds tone and vowel marks itself ("son" finds "Sơn") but not đ,
// a letter of its own. Each article page carries, hidden, its words with a đ folded ("Đinh" →
// "dinh"; site/search_input.py), and the query is folded here by the same rule as
// frontnews/vi/fold.py: đ → d, marks off, lower case. A query typed with marks is also searched as
// typed, with Pagefind's exact marks: those articles come first, in that search's order, then the
// others. Results show the title, date, unit, lead photo, and a passage of the article's visible
// text around the words found (the folded copy, counted by the page's "folded" meta, is left out).
(function () {
  "use strict";
  var form = document.getElementById("tim-kiem");
  if (!form || !window.fetch) {
    return;
  }
  var base = form.getAttribute("data-base") || "/";
  var input = document.getElementById("tu-khoa");
  var status = document.getElementById("trang-thai");
  var list = document.getElementById("danh-sach-ket-qua");
  var more = document.getElementById("xem-them");
  var selects = Array.prototype.slice.call(form.querySelectorAll("select[data-filter]"));
  var PAGE = 10; // results shown at a time
  var PASSAGE = 30; // words of the passage shown under a result
  var engines = {}; // Pagefind instances: loose (folded query) and exact (marks as typed)
  var shards = null;
  var run = 0; // the latest search; an older one that finishes late is dropped
  var shown = { results: [], count: 0, terms: [] };

  function fold(text) {
    return text.replace(/đ/g, "d").replace(/Đ/g, "D").normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "").normalize("NFC").toLowerCase();
  }

  function say(text) {
    status.textContent = text;
  }

  function loadShards() {
    if (!shards) {
      shards = fetch(base + "pagefind/shards.json").then(function (response) {
        if (!response.ok) {
          throw new Error("no index");
        }
        return response.json();
      }).then(function (data) {
        if (!data.shards || !data.shards.length) {
          throw new Error("no index");
        }
        return data.shards;
      });
    }
    return shards;
  }

  // One Pagefind instance over every shard; `exact`: words must carry exactly the marks typed.
  function engine(exact) {
    var name = exact ? "exact" : "loose";
    if (!engines[name]) {
      engines[name] = loadShards().then(function (names) {
        var first = base + "pagefind/" + names[0] + "/";
        return import(first + "pagefind.js").then(function (pagefind) {
          var options = { baseUrl: base, exactDiacritics: exact, excerptLength: PASSAGE };
          var instance = pagefind.createInstance(Object.assign({ basePath: first }, options));
          return Promise.all(names.slice(1).map(function (shard) {
            return instance.mergeIndex(base + "pagefind/" + shard + "/", options);
          })).then(function () { return instance; });
        });
      });
    }
    return engines[name];
  }

  function chosenFilters() {
    var filters = {};
    selects.forEach(function (select) {
      if (select.value) {
        filters[select.getAttribute("data-filter")] = select.value;
      }
    });
    return filters;
  }

  function remember(query) {
    var params = new URLSearchParams();
    if (query) {
      params.set("q", query);
    }
    selects.forEach(function (select) {
      if (select.value) {
        params.set(select.name, select.value);
      }
    });
    var search = params.toString();
    history.replaceState(null, "", location.pathname + (search ? "?" + search : ""));
  }

  function search() {
    var query = input.value.trim().normalize("NFC");
    var folded = fold(query);
    var filters = chosenFilters();
    var filtered = Object.keys(filters).length > 0;
    var mine = ++run;
    remember(query);
    if (!folded && !filtered) {
      list.textContent = "";
      more.hidden = true;
      say("Gõ từ cần tìm vào ô trên rồi nhấn Enter hoặc nút Tìm.");
      return;
    }
    say("Đang tìm…");
    var options = folded ? { filters: filters } : { filters: filters, sort: { date: "desc" } };
    var marked = folded !== query.toLowerCase();
    Promise.all([
      engine(false).then(function (loose) { return loose.search(folded || null, options); }),
      marked ? engine(true).then(function (exact) { return exact.search(query, options); }) : null
    ]).then(function (found) {
      if (mine !== run) {
        return;
      }
      var results = found[0].results;
      if (found[1]) { // the articles with the marks as typed first, then the others
        var first = {};
        found[1].results.forEach(function (r) { first[r.id] = true; });
        results = found[1].results.concat(results.filter(function (r) { return !first[r.id]; }));
      }
      shown = { results: results, count: 0, terms: folded.split(/\s+/).filter(Boolean) };
      list.textContent = "";
      var what = query ? " phù hợp với “" + query + "”" : "";
      var where = filtered ? " trong phần đã lọc" : "";
      if (!results.length) {
        more.hidden = true;
        say("Không có bài viết nào" + what + where + ". Hãy thử từ khác, ít từ hơn, hoặc bỏ bớt bộ lọc.");
        return;
      }
      say("Có " + results.length + " bài viết" + what + where + ".");
      return showMore(false);
    }).catch(function () {
      shards = null; // the next search tries again (the index may be on its way: `frontnews serve`)
      engines = {};
      if (mine === run) {
        more.hidden = true;
        say("Chưa tìm được: trang web chưa có chỉ mục tìm kiếm, hoặc không tải được. " +
          "Hãy thử lại sau, hoặc tìm bài theo đơn vị, chủ đề, lưu trữ ở cuối trang.");
      }
    });
  }

  function showMore(focus) {
    var mine = run;
    var next = shown.results.slice(shown.count, shown.count + PAGE);
    return Promise.all(next.map(function (r) { return r.data(); })).then(function (pages) {
      if (mine !== run) {
        return;
      }
      var added = pages.map(function (page) { return item(page, shown.terms); });
      added.forEach(function (li) { list.appendChild(li); });
      shown.count += next.length;
      more.hidden = shown.count >= shown.results.length;
      if (focus && added.length) {
        added[0].querySelector("a").focus();
      }
    });
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (text) {
      node.textContent = text;
    }
    return node;
  }

  function item(page, terms) {
    var meta = page.meta || {};
    var li = element("li", "search-result");
    if (meta.thumb) {
      var img = element("img", "search-result__image");
      img.src = meta.thumb;
      img.alt = ""; // the title beside it says what the article is
      img.loading = "lazy";
      img.decoding = "async";
      li.appendChild(img);
      li.className += " search-result--with-image";
    }
    var title = element("h3", "search-result__title");
    var link = element("a", "", meta.title || page.url);
    link.href = page.url;
    title.appendChild(link);
    li.appendChild(title);
    var line = element("p", "search-result__meta");
    if (meta.date) {
      var time = element("time", "", meta.date);
      if (meta.datetime) {
        time.setAttribute("datetime", meta.datetime);
      }
      line.appendChild(time);
    }
    if (meta.unit) {
      line.appendChild(element("span", "search-result__unit", meta.unit));
    }
    li.appendChild(line);
    var content = page.content || "";
    if (meta.title && content.indexOf(meta.title) === 0) { // the title is shown above it already
      content = content.slice(meta.title.length).replace(/^[.\s]+/, "");
    }
    var text = passage(content, parseInt(meta.folded || "0", 10), terms);
    if (text) {
      var p = element("p", "search-result__passage");
      p.appendChild(text);
      li.appendChild(p);
    }
    return li;
  }

  // PASSAGE words of the visible text around the most words found, those words marked.
  function passage(content, hidden, terms) {
    var words = content.split(/\s+/).filter(Boolean);
    words = words.slice(0, Math.max(0, words.length - hidden));
    if (!words.length) {
      return null;
    }
    var hits = words.map(function (word) {
      var bare = fold(word).replace(/[^\p{L}\p{N}]/gu, "");
      return bare !== "" && terms.some(function (term) { return bare.indexOf(term) === 0; });
    });
    var start = 0;
    var best = -1;
    var count = 0;
    for (var i = 0; i < words.length; i++) {
      count += hits[i] ? 1 : 0;
      if (i >= PASSAGE) {
        count -= hits[i - PASSAGE] ? 1 : 0;
      }
      if (count > best) {
        best = count;
        start = Math.max(0, i - PASSAGE + 1);
      }
    }
    if (best > 0) { // a little before the first word found, for its context
      var firstHit = hits.indexOf(true, start);
      start = Math.max(0, Math.min(start, firstHit - 5));
    }
    var end = Math.min(words.length, start + PASSAGE);
    var out = document.createDocumentFragment();
    out.appendChild(document.createTextNode(start > 0 ? "… " : ""));
    for (var j = start; j < end; j++) {
      var word = words[j] + (j < end - 1 ? " " : "");
      if (hits[j]) {
        out.appendChild(element("mark", "", words[j]));
        out.appendChild(document.createTextNode(j < end - 1 ? " " : ""));
      } else {
        out.appendChild(document.createTextNode(word));
      }
    }
    out.appendChild(document.createTextNode(end < words.length ? " …" : ""));
    return out;
  }

  var timer = null;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(search, 300);
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    clearTimeout(timer);
    search();
  });
  selects.forEach(function (select) {
    select.addEventListener("change", search);
  });
  more.addEventListener("click", function () {
    showMore(true);
  });

  var params = new URLSearchParams(location.search);
  input.value = params.get("q") || "";
  selects.forEach(function (select) {
    var wanted = params.get(select.name);
    if (wanted && select.querySelector("option[value='" + CSS.escape(wanted) + "']")) {
      select.value = wanted;
    }
  });
  if (input.value || chosenFilters().unit || chosenFilters().topic || chosenFilters().year) {
    search();
  }
})();
