<?cs include:"layout.cs" ?>
<?cs include:"forms/fields.cs" ?>
<?cs # One entry of a large group, on its own page (cgi-bin/forms/items.c). ?>
<?cs call:page_start(Item.title + " — " + Dossier.title) ?>
<p class="small"><?cs var:Dossier.title ?></p>
<?cs call:steps() ?>
<h1><?cs var:Item.title ?></h1>
<p class="small"><?cs var:Page.title ?></p>
<?cs if:Page.expired ?><div class="error-summary" role="alert"><p><?cs var:Page.expired ?></p></div><?cs /if ?>
<?cs if:Page.revealed ?><p class="notice" role="status"><?cs var:Lang.form.revealed ?></p><?cs /if ?>
<?cs call:error_summary() ?>
<form method="post" action="<?cs var:Item.action ?>" novalidate>
<input type="hidden" name="<?cs var:Csrf.field ?>" value="<?cs var:Csrf.token ?>">
<?cs # The first button answers the Enter key: it saves and goes back. ?>
<button type="submit" name="_action" value="next" class="visually-hidden" tabindex="-1" aria-hidden="true"><?cs var:Lang.form.item_save ?></button>
<?cs each:f = Fields ?><?cs call:simple_field(f) ?><?cs /each ?>
<div class="buttons">
<button type="submit" name="_action" value="next"><?cs var:Lang.form.item_save ?></button>
<?cs if:Item.can_add ?><button type="submit" name="_action" value="add" class="secondary"><?cs var:Lang.form.item_save_add ?></button><?cs /if ?>
<button type="submit" name="_action" value="back" class="link-like"><?cs var:Lang.form.item_back ?></button>
</div>
</form>
<?cs call:page_end() ?>
