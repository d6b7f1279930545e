<?cs include:"layout.cs" ?>
<?cs call:page_start(Procedure.title) ?>
<nav class="crumbs" aria-label="<?cs var:Lang.site.breadcrumb ?>">
<ol><li><a href="/procedures"><?cs var:Lang.catalogue.title ?></a></li>
<li><a href="/procedures?theme=<?cs var:url_escape(Procedure.family) ?>"><?cs var:Procedure.family_title ?></a></li></ol></nav>
<h1><?cs var:Procedure.title ?></h1>
<p class="lead"><?cs var:Procedure.summary ?></p>
<dl>
<dt><?cs var:Lang.catalogue.department ?></dt><dd><?cs var:Procedure.department ?></dd>
<dt><?cs var:Lang.catalogue.login_level ?></dt><dd><?cs if:Procedure.assurance == "high" ?><?cs var:Lang.catalogue.level_high ?><?cs elif:Procedure.assurance == "substantial" ?><?cs var:Lang.catalogue.level_substantial ?><?cs else ?><?cs var:Lang.catalogue.level_low ?><?cs /if ?></dd>
<?cs if:Procedure.deadline ?><dt><?cs var:Lang.catalogue.deadline ?></dt><dd><?cs var:Procedure.deadline ?></dd><?cs /if ?>
</dl>
<?cs if:Procedure.documents ?><h2><?cs var:Lang.catalogue.documents ?></h2>
<p><?cs var:Procedure.documents ?></p><?cs /if ?>
<?cs if:Session.on && Procedure.cannot_start == "role" ?>
<p class="notice"><?cs var:Lang.catalogue.no_role ?> <strong><?cs var:Session.acting ?></strong>. <?cs var:Lang.catalogue.no_role_ask ?></p>
<p><a href="/login/acting?return=/procedures/<?cs var:url_escape(Procedure.code) ?>"><?cs var:Lang.catalogue.switch_acting ?></a></p>
<?cs elif:Session.on && Procedure.cannot_start == "audience" ?>
<p class="notice"><?cs if:Session.acting ?><?cs var:Lang.catalogue.not_for_org ?><?cs else ?><?cs var:Lang.catalogue.not_for_citizen ?><?cs /if ?></p>
<p><a href="/login/acting?return=/procedures/<?cs var:url_escape(Procedure.code) ?>"><?cs var:Lang.catalogue.switch_acting ?></a></p>
<?cs elif:Session.on ?>
<form method="post" action="/procedures/<?cs var:url_escape(Procedure.code) ?>/start">
<input type="hidden" name="<?cs var:Csrf.field ?>" value="<?cs var:Csrf.token ?>">
<button type="submit"><?cs var:Lang.form.start ?></button>
</form>
<?cs else ?>
<p><a class="button" href="/login?return=/procedures/<?cs var:url_escape(Procedure.code) ?>"><?cs var:Lang.form.login_to_start ?></a></p>
<?cs /if ?>
<?cs call:page_end() ?>
