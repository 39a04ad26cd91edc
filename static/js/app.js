// yoyaku: small progressive enhancement only. Every page works without it.
// - The menu (<details data-menu>) closes on Escape (focus returns to its
//   button) and when the user clicks or tabs outside it.
(function () {
  "use strict";

  function closeMenu(menu, restoreFocus) {
    if (!menu.open) return;
    menu.open = false;
    if (restoreFocus) {
      var summary = menu.querySelector("summary");
      if (summary) summary.focus();
    }
  }

  function initMenu() {
    var menus = document.querySelectorAll("details[data-menu]");
    if (!menus.length) return;

    document.addEventListener("keydown", function (event) {
      if (event.key !== "Escape" && event.key !== "Esc") return;
      menus.forEach(function (menu) {
        if (menu.open) closeMenu(menu, menu.contains(document.activeElement));
      });
    });

    document.addEventListener("click", function (event) {
      menus.forEach(function (menu) {
        if (menu.open && !menu.contains(event.target)) closeMenu(menu, false);
      });
    });

    document.addEventListener("focusin", function (event) {
      menus.forEach(function (menu) {
        if (menu.open && !menu.contains(event.target)) closeMenu(menu, false);
      });
    });
  }


  // ------------------------------------------------------------------
  // Accounts and forms (appended).
  // - An error summary ([data-error-summary]) receives focus on load so that
  //   keyboard and screen-reader users land on the list of mistakes.
  // - Session idle-timeout warning: the layout renders (when signed in)
  //   <div class="session-warning" data-session-expires-at="UNIX_SECONDS"
  //        data-session-warn-seconds="300" hidden> … <span data-session-remaining>
  //   … <form action="/session/extend">…</form></div>.
  //   Every second the remaining time is computed; the bar is shown when it is
  //   within the warning window, and the form is hidden once time is up.
  //   Without JavaScript the bar stays hidden and the menu item
  //   「操作時間を延長する」 still works.
  // ------------------------------------------------------------------

  function focusErrorSummary() {
    var summary = document.querySelector("[data-error-summary]");
    if (summary && typeof summary.focus === "function") {
      summary.focus();
    }
  }

  function pad2(n) {
    return n < 10 ? "0" + n : String(n);
  }

  function initSessionWarning() {
    var bar = document.querySelector(".session-warning[data-session-expires-at]");
    if (!bar) return;

    var expiresAt = parseInt(bar.getAttribute("data-session-expires-at"), 10);
    var warnSeconds = parseInt(bar.getAttribute("data-session-warn-seconds"), 10);
    if (!isFinite(expiresAt) || expiresAt <= 0) return;
    if (!isFinite(warnSeconds) || warnSeconds < 0) warnSeconds = 300;

    var output = bar.querySelector("[data-session-remaining]");
    var form = bar.querySelector("form");
    // The text changes every second; a live region that announced each change
    // would be unbearable. It is switched on only for the first warning, for
    // each whole minute, the last 30 and 10 seconds, and the end.
    var live = output ? output.closest("[aria-live], [role='status'], [role='alert']") : null;
    var lastText = "";
    var timer = null;

    function write(text, announce) {
      if (!output || text === lastText) return;
      if (live) live.setAttribute("aria-live", announce ? "polite" : "off");
      output.textContent = text;
      lastText = text;
    }

    function tick() {
      var remaining = Math.floor(expiresAt - Date.now() / 1000);
      if (remaining > warnSeconds) {
        if (!bar.hidden) bar.hidden = true;
        return;
      }
      var firstShow = bar.hidden;
      if (bar.hidden) bar.hidden = false;
      if (remaining <= 0) {
        write(bar.getAttribute("data-text-ended") || "操作時間が終了しました。もう一度ログインしてください。", true);
        if (form) form.hidden = true;
        if (timer !== null) {
          window.clearInterval(timer);
          timer = null;
        }
        return;
      }
      var minutes = Math.floor(remaining / 60);
      var seconds = remaining % 60;
      var announce = firstShow || seconds === 0 || remaining === 30 || remaining === 10;
      // The page's language: "{minutes}" and "{seconds}" in data-text-remaining.
      var template = bar.getAttribute("data-text-remaining") || "あと{minutes}分{seconds}秒で操作時間が終了します。";
      write(template.replace("{minutes}", String(minutes)).replace("{seconds}", pad2(seconds)), announce);
    }

    tick();
    timer = window.setInterval(tick, 1000);
  }

  function initAccounts() {
    focusErrorSummary();
    initSessionWarning();
  }


  // ------------------------------------------------------------------
  // Reservation flow (appended).
  // - <select data-autosubmit> submits its form on change (手続き一覧の
  //   並び替え / 表示数変更); the form's [data-autosubmit-button] is hidden.
  //   Without JavaScript the 「表示を変更する」 button does the same.
  // - <button data-clear-target="ID"> (「選択解除」) empties the field with that
  //   id and chooses 非表示 at once. Without JavaScript it submits the form,
  //   which comes back with the field empty.
  // ------------------------------------------------------------------

  function initAutosubmit() {
    var selects = document.querySelectorAll("select[data-autosubmit]");
    selects.forEach(function (select) {
      var form = select.form;
      if (!form) return;
      form.querySelectorAll("[data-autosubmit-button]").forEach(function (el) {
        el.hidden = true;
      });
      select.addEventListener("change", function () {
        if (typeof form.requestSubmit === "function") {
          form.requestSubmit();
        } else {
          form.submit();
        }
      });
    });
  }

  function initClearButtons() {
    document.querySelectorAll("button[data-clear-target]").forEach(function (button) {
      var target = document.getElementById(button.getAttribute("data-clear-target"));
      if (!target) return;
      button.addEventListener("click", function (event) {
        event.preventDefault();
        target.value = "";
        var group = button.closest("fieldset");
        var hide = group && group.querySelector('input[type="radio"][value="0"]');
        if (hide) hide.checked = true;
        button.focus();
      });
    });
  }

  function initReservationFlow() {
    initAutosubmit();
    initClearButtons();
  }


  // ------------------------------------------------------------------
  // After booking (appended): live character counter (取消事由入力).
  // - <span data-count-for="ID"> shows the length of the textarea #ID, counted
  //   as people see characters (grapheme clusters via Intl.Segmenter when the
  //   browser has it, else code points). The server renders the same number,
  //   so the counter is right without JavaScript.
  // - Its wrapper [data-counter-for="ID"][data-counter-max="N"] gets
  //   .char-counter--over when the text is longer than N.
  // - [data-count-status-for="ID"] (a polite live region) is written only
  //   once typing pauses, or at once when the limit is crossed either way,
  //   so screen readers are not interrupted on every keystroke.
  // ------------------------------------------------------------------

  var segmenter = null;
  if (typeof Intl !== "undefined" && typeof Intl.Segmenter === "function") {
    try {
      segmenter = new Intl.Segmenter("ja", { granularity: "grapheme" });
    } catch (e) {
      segmenter = null;
    }
  }

  function countCharacters(text) {
    // Browsers submit line breaks as CRLF; count each as one character,
    // as a person would (a grapheme cluster "\r\n" is one anyway).
    text = text.replace(/\r\n?/g, "\n");
    if (segmenter) {
      var n = 0;
      var it = segmenter.segment(text)[Symbol.iterator]();
      while (!it.next().done) n++;
      return n;
    }
    return Array.from(text).length;
  }

  function initCounter(output) {
    var id = output.getAttribute("data-count-for");
    var field = id ? document.getElementById(id) : null;
    if (!field) return;

    var wrapper = document.querySelector('[data-counter-for="' + id + '"]');
    var max = wrapper ? parseInt(wrapper.getAttribute("data-counter-max"), 10) : NaN;
    var status = document.querySelector('[data-count-status-for="' + id + '"]');
    var timer = null;
    var wasOver = null;

    // The page's language: "{count}" and "{max}" in the counter's data-text-count,
    // data-text-limit and data-text-over.
    function say(name, fallback, values) {
      var text = (wrapper && wrapper.getAttribute("data-text-" + name)) || fallback;
      return text.replace("{count}", String(values.count)).replace("{max}", String(values.max));
    }

    function announce(count, over) {
      if (!status) return;
      var values = { count: count, max: max };
      var text = say("count", "入力文字数 {count}文字", values);
      if (isFinite(max)) {
        text += over ? say("over", "。{max}文字を超えています。", values) : say("limit", "（{max}文字まで）", values);
      }
      status.textContent = text;
    }

    function update(fromTyping) {
      var count = countCharacters(field.value);
      var over = isFinite(max) && count > max;
      output.textContent = String(count);
      if (wrapper) wrapper.classList.toggle("char-counter--over", over);
      if (!fromTyping) {
        wasOver = over;
        return;
      }
      if (timer !== null) window.clearTimeout(timer);
      if (over !== wasOver) {
        // Crossing the limit matters now; a plain count can wait.
        wasOver = over;
        timer = null;
        announce(count, over);
        return;
      }
      timer = window.setTimeout(function () {
        timer = null;
        announce(countCharacters(field.value), over);
      }, 1500);
    }

    field.addEventListener("input", function () {
      update(true);
    });
    update(false);
  }

  function initCounters() {
    document.querySelectorAll("[data-count-for]").forEach(initCounter);
  }

  function init() {
    initMenu();
    initAccounts();
    initReservationFlow();
    initCounters();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
