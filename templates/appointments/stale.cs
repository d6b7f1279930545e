<?cs include:"layout.cs" ?>
<?cs call:page_start(Lang.appt.stale_title) ?>
<h1><?cs var:Lang.appt.stale_title ?></h1>
<p><?cs var:Lang.appt.stale_text ?></p>
<p><a href="/appointments"><?cs var:Lang.appt.title ?></a></p>
<?cs call:page_end() ?>
