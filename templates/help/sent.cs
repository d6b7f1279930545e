<?cs include:"layout.cs" ?>
<?cs call:page_start(Lang.help.sent_title) ?>
<h1><?cs var:Lang.help.sent_title ?></h1>
<p role="status"><?cs var:Lang.help.sent_text ?></p>
<p><a href="/help"><?cs var:Lang.error.back ?></a></p>
<?cs call:page_end() ?>
