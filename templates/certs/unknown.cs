<?cs include:"layout.cs" ?>
<?cs call:page_start(Type.title) ?>
<p><a href="/certificates"><?cs var:Lang.certs.title ?></a></p>
<h1><?cs var:Type.title ?></h1>
<div class="error-summary" role="alert"><p><?cs if:Refused.why == "unknown" ?><?cs var:Lang.certs.err_unknown ?><?cs else ?><?cs var:Lang.certs.err_requires ?><?cs /if ?></p></div>
<p><?cs var:Lang.certs.nothing_issued ?></p>
<?cs call:page_end() ?>
