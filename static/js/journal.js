// Behaviour the pages need, kept out of the HTML so the Content-Security-Policy
// can forbid every inline script.
document.addEventListener("change", function (event) {
  var target = event.target;
  if (target && target.matches && target.matches("select[data-autosubmit]") && target.form) {
    target.form.submit();
  }
});
