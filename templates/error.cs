<?cs include:"layout.cs" ?>
<?cs call:page_start(Error.title) ?>
<h1><?cs var:Error.title ?></h1>
<p><?cs var:Error.text ?></p>
<p class="small"><?cs var:Lang.error.code ?> <?cs var:Error.status ?></p>
<p><a href="/help"><?cs var:Lang.error.back ?></a></p>
<?cs call:page_end() ?>
