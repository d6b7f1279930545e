<?cs include:"layout.cs" ?>
<?cs with:a = Appt.0 ?>
<?cs call:page_start(a.type) ?>
<?cs if:Session.on ?><p><a href="/appointments"><?cs var:Lang.appt.title ?></a></p><?cs /if ?>
<h1><?cs var:a.type ?></h1>
<dl class="facts">
<dt><?cs var:Lang.appt.when ?></dt><dd><?cs var:a.when ?> (<?cs var:a.minutes ?> <?cs var:Lang.appt.minutes ?>)</dd>
<dt><?cs var:Lang.appt.where ?></dt><dd><?cs var:a.office ?>, <?cs var:a.address ?></dd>
<?cs if:a.access ?><dt><?cs var:Lang.appt.access ?></dt><dd><?cs var:a.access ?></dd><?cs /if ?>
<dt><?cs var:Lang.appt.status_col ?></dt><dd id="status" data-status="<?cs var:a.status ?>"><?cs var:Lang.appt.status[a.status] ?></dd>
</dl>
<?cs def:link_fields() ?><input type="hidden" name="<?cs var:Csrf.field ?>" value="<?cs var:Csrf.token ?>">
<?cs if:Link.sig ?><input type="hidden" name="seq" value="<?cs var:Link.seq ?>"><input type="hidden" name="sig" value="<?cs var:Link.sig ?>"><?cs /if ?><?cs /def ?>
<div role="status">
<?cs if:a.status == "held" ?>
<?cs if:a.previous ?><p><?cs var:Lang.appt.moving_from ?> <?cs var:a.previous ?></p><?cs /if ?>
<p><?cs var:Lang.appt.held_text ?></p>
<form method="post" action="/appointments/<?cs var:url_escape(a.uid) ?>/confirm">
<?cs call:link_fields() ?>
<button type="submit"><?cs var:Lang.appt.confirm ?></button>
</form>
<form method="post" action="/appointments/<?cs var:url_escape(a.uid) ?>/cancel">
<?cs call:link_fields() ?>
<button type="submit" class="secondary"><?cs var:Lang.appt.let_go ?></button>
</form>
<?cs elif:a.status == "booked" ?>
<p><?cs var:Lang.appt.booked_text ?></p>
<?cs if:a.upcoming == "t" ?>
<p><a href="/appointments/slots?office=<?cs var:url_escape(a.office_id) ?>&amp;type=<?cs var:url_escape(a.type_id) ?>&amp;move=<?cs var:url_escape(a.uid) ?>"><?cs var:Lang.appt.move ?></a></p>
<form method="post" action="/appointments/<?cs var:url_escape(a.uid) ?>/cancel">
<?cs call:link_fields() ?>
<button type="submit"><?cs var:Lang.appt.cancel ?></button>
</form><?cs /if ?>
<?cs elif:a.status == "expired" ?>
<p><?cs var:Lang.appt.expired_text ?> <a href="/appointments/slots?office=<?cs var:url_escape(a.office_id) ?>&amp;type=<?cs var:url_escape(a.type_id) ?>"><?cs var:Lang.appt.choose_again ?></a></p>
<?cs elif:a.status == "cancelled" ?>
<p><?cs var:Lang.appt.cancelled_text ?></p>
<?cs /if ?>
</div>
<?cs /with ?>
<?cs call:page_end() ?>
