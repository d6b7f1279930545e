<?cs include:"layout.cs" ?><?cs include:"orgs/macros.cs" ?>
<?cs call:page_start(Rep.name) ?>
<h1><?cs var:Rep.name ?></h1>
<?cs call:error_summary() ?>
<?cs if:Rep.done ?><p class="notice" role="status"><?cs var:Lang.orgs.designated ?></p><?cs /if ?>
<dl>
<dt><?cs var:Lang.login.bce ?></dt><dd><?cs var:Rep.bce ?></dd>
<?cs if:Rep.legal_form ?><dt><?cs var:Lang.orgs.legal_form ?></dt><dd><?cs var:Rep.legal_form ?></dd><?cs /if ?>
<dt><?cs var:Lang.orgs.your_capacity ?></dt><dd><?cs var:Rep.capacity ?></dd>
<dt><?cs var:Lang.orgs.role_manager ?></dt><dd><?cs if:Rep.manager ?><?cs var:Rep.manager ?><?cs else ?><?cs var:Lang.orgs.no_manager ?><?cs /if ?></dd>
</dl>
<h2><?cs var:Lang.orgs.designate_title ?></h2>
<p><?cs var:Lang.orgs.designate_intro ?></p>
<form method="post" action="/org/represent/<?cs var:Rep.bce ?>/manager" novalidate>
<input type="hidden" name="<?cs var:Csrf.field ?>" value="<?cs var:Csrf.token ?>">
<?cs call:org_input("nrn", Lang.orgs.nrn, "text", Lang.orgs.nrn_hint, "number", 1) ?>
<button type="submit"><?cs var:Lang.orgs.designate ?></button>
</form>
<?cs call:page_end() ?>
