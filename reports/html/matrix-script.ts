/**
 * The page's only script: filters and expand/collapse. Without it (script blocked, plain viewer) every
 * requirement is listed and <details> still expand, so the script adds convenience, never content.
 */
export const MATRIX_SCRIPT = `
(function () {
  var controls = document.getElementById('controls');
  var filter = document.getElementById('filter');
  if (!controls || !filter) return;
  controls.hidden = false;
  function apply() {
    document.body.classList.toggle('hide-passed', filter.value === 'not-passed');
    document.body.classList.toggle('failures-only', filter.value === 'failures');
    var groups = document.querySelectorAll('section.group');
    for (var i = 0; i < groups.length; i++) {
      var rows = groups[i].querySelectorAll('details.requirement');
      var visible = 0;
      for (var j = 0; j < rows.length; j++) if (getComputedStyle(rows[j]).display !== 'none') visible++;
      groups[i].classList.toggle('empty', visible === 0);
    }
  }
  filter.addEventListener('change', apply);
  function setOpen(open) {
    var all = document.querySelectorAll('details');
    for (var i = 0; i < all.length; i++) all[i].open = open;
  }
  document.getElementById('expand-all').addEventListener('click', function () { setOpen(true); });
  document.getElementById('collapse-all').addEventListener('click', function () { setOpen(false); });
  apply();
})();
`;
