<?cs include:"layout.cs" ?>
<?cs include:"forms/fields.cs" ?>
<?cs call:page_start(Page.title + " — " + Dossier.title) ?>
<p class="small"><?cs var:Dossier.title ?></p>
<?cs call:steps() ?>
<h1><?cs var:Page.title ?></h1>
<?cs if:Page.expired ?><div class="error-summary" role="alert"><p><?cs var:Page.expired ?></p></div><?cs /if ?>
<?cs if:Page.prefill_failed ?><p class="notice" role="status"><?cs var:Lang.form.prefill_failed ?></p><?cs /if ?>
<?cs if:Page.revealed ?><p class="notice" role="status"><?cs var:Lang.form.revealed ?></p><?cs /if ?>
<?cs call:error_summary() ?>
<?cs call:questions_form("/forms/", "/pages/") ?>
<?cs call:page_end() ?>
