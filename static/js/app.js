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

  function init() {
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

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
