<?cs # A kiosk's page once a session ended: nothing of it is left. ?>
<?cs include:"layout.cs" ?>
<?cs call:page_start(Lang.kiosk.ended_title) ?>
<h1><?cs var:Lang.kiosk.ended_title ?></h1>
<p class="notice" role="status"><?cs var:Lang.kiosk.ended_text ?></p>
<p><a class="button" href="/"><?cs var:Lang.kiosk.start ?></a></p>
<?cs call:page_end() ?>
