// Public agenda (issue 19, item 11): the filters' <details> opens by itself on wide screens, where there is room for
// them. Without this script the box still opens and closes with its summary; on a phone it stays folded.
(function () {
  var wide = window.matchMedia('(min-width: 48rem)');
  document.querySelectorAll('details[data-open-wide]').forEach(function (box) {
    if (wide.matches) box.open = true;
  });
})();
