<?cs include:"layout.cs" ?>
<?cs include:"forms/fields.cs" ?>
<?cs include:"heatpump/macros.cs" ?>
<?cs call:page_start(Page.title + " — " + Dossier.title) ?>
<p class="small"><?cs var:Dossier.title ?></p>
<?cs call:heatpump_steps() ?>
<h1><?cs var:Page.title ?></h1>
<?cs if:Page.expired ?><div class="error-summary" role="alert"><p><?cs var:Page.expired ?></p></div><?cs /if ?>
<?cs call:error_summary() ?>
<?cs call:questions_form("/heat-pump/", "/") ?>
<?cs call:page_end() ?>
