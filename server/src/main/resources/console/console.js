// school-contacts console: small enhancements only; every page works without JavaScript.
(function () {
  'use strict';
  // "/" jumps to the page's search box, as on many sites (not while typing in a field).
  document.addEventListener('keydown', function (e) {
    if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey) return;
    var t = e.target;
    if (t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.isContentEditable)) return;
    var box = document.querySelector('input[type="search"]');
    if (box) { e.preventDefault(); box.focus(); box.select(); }
  });
  // Search boxes with data-filter narrow the visible table rows as one types; Enter still searches on the server.
  document.querySelectorAll('input[data-filter]').forEach(function (box) {
    var scope = document.querySelector(box.getAttribute('data-filter'));
    if (!scope) return;
    box.addEventListener('input', function () {
      var q = box.value.trim().toLowerCase();
      scope.querySelectorAll('table.people tbody tr').forEach(function (row) {
        row.hidden = q !== '' && row.textContent.toLowerCase().indexOf(q) < 0;
      });
    });
  });
})();
