<?cs # A kiosk's warning before the end of an idle session (docs/kiosk.md). ?>
<?cs include:"layout.cs" ?>
<?cs call:page_start(Lang.kiosk.idle_title) ?>
<h1><?cs var:Lang.kiosk.idle_title ?></h1>
<div class="notice" role="alert">
<p><?cs var:Lang.kiosk.idle_text_before ?> <strong><?cs var:Kiosk.warning ?></strong> <?cs var:Lang.kiosk.idle_text_after ?></p>
</div>
<form method="post" action="/login/idle" class="kiosk-continue">
<input type="hidden" name="<?cs var:Csrf.field ?>" value="<?cs var:Csrf.token ?>">
<input type="hidden" name="return" value="<?cs var:Kiosk.return ?>">
<button type="submit"><?cs var:Lang.kiosk.continue ?></button>
</form>
<?cs call:page_end() ?>
