<?cs include:"layout.cs" ?>
<?cs call:page_start(Lang.orgs.space) ?>
<h1><?cs var:Lang.orgs.space ?></h1>
<p><?cs var:Lang.orgs.none_intro ?></p>
<ul>
<li><a href="/login/acting"><?cs var:Lang.session.change_acting ?></a></li>
<li><a href="/org/represent"><?cs var:Lang.orgs.represent_link ?></a></li>
<li><a href="/org/mandates"><?cs var:Lang.orgs.my_mandates ?></a></li>
</ul>
<?cs call:page_end() ?>
