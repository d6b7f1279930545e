<?cs include:"layout.cs" ?>
<?cs call:page_start(Lang.oidc.fail_title) ?>
<h1><?cs var:Lang.oidc.fail_title ?></h1>
<div class="error-summary" role="alert"><p><?cs var:Lang.oidc[Oidc.reason] ?></p></div>
<p><?cs var:Lang.oidc.fail_nothing_lost ?></p>
<p><a class="button" href="<?cs var:Oidc.again ?>"><?cs var:Lang.oidc.again ?> <?cs var:Lang.oidc.name[Oidc.provider] ?></a></p>
<p><a href="<?cs var:Login.eid_url ?>"><?cs var:Lang.login.eid_button ?></a></p>
<p><a href="/login?return=<?cs var:url_escape(Login.return) ?>"><?cs var:Lang.oidc.other_ways ?></a></p>
<?cs call:page_end() ?>
