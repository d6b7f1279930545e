<?cs include:"layout.cs" ?>
<?cs call:page_start(Error.title) ?>
<h1><?cs var:Error.title ?></h1>
<p><?cs var:Error.text ?></p>
<?cs if:Error.step_up ?><p><a class="button" href="<?cs var:Error.step_up ?>"><?cs var:Lang.error.step_up_link ?></a></p>
<?cs /if ?><p class="small"><?cs var:Lang.error.code ?> <?cs var:Error.status ?></p>
<p><a href="/help"><?cs var:Lang.error.back ?></a></p>
<?cs call:page_end() ?>
