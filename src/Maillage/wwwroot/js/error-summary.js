// Moves the focus to the form's error summary after a failed post (progressive enhancement of its autofocus),
// and makes its links focus the field itself, not only scroll to it.
(function () {
  var summary = document.querySelector('[data-error-summary]');
  if (!summary) return;
  if (document.activeElement !== summary) summary.focus();
  summary.addEventListener('click', function (e) {
    var link = e.target.closest('a[href^="#"]');
    if (!link) return;
    var target = document.getElementById(decodeURIComponent(link.getAttribute('href').slice(1)));
    if (!target) return;
    // A group (fieldset) is focused through its first control.
    var control = target.matches('input, select, textarea') ? target : target.querySelector('input, select, textarea');
    if (!control) return;
    e.preventDefault();
    target.scrollIntoView();
    control.focus();
  });
})();
