// The print view of a certificate (templates/certs/print.cs): its
// "Print" button, shown only when scripts run; without them the page
// says to use the browser's (or the kiosk terminal's) print command.
'use strict';
document.querySelectorAll('[data-print]').forEach(function (b) {
	b.hidden = false;
	b.addEventListener('click', function () { window.print(); });
});
