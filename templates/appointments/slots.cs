<?cs include:"layout.cs" ?>
<?cs call:page_start(Type.label) ?>
<p><a href="/appointments"><?cs var:Lang.appt.title ?></a></p>
<h1><?cs var:Type.label ?></h1>
<p><?cs var:Office.name ?>, <?cs var:Office.address ?> · <?cs var:Type.minutes ?> <?cs var:Lang.appt.minutes ?></p>
<?cs if:Office.access ?><p class="small"><?cs var:Lang.appt.access ?> <?cs var:Office.access ?></p><?cs /if ?>
<?cs if:Page.problem ?><div class="error-summary" role="alert" id="problem"><p><?cs var:Page.problem ?></p></div><?cs /if ?>
<?cs if:Page.move ?><p><?cs var:Lang.appt.moving ?></p><?cs /if ?>
<h2 id="week"><?cs var:Lang.appt.week ?> <?cs var:Week.first ?> – <?cs var:Week.last ?></h2>
<?cs if:!Days.0.date ?><p><?cs var:Lang.appt.no_slot ?></p><?cs /if ?>
<?cs each:d = Days ?><section class="day" aria-labelledby="day-<?cs var:d.date ?>">
<h3 id="day-<?cs var:d.date ?>"><?cs var:d.label ?></h3>
<form method="post" action="/appointments/hold" class="slots">
<input type="hidden" name="<?cs var:Csrf.field ?>" value="<?cs var:Csrf.token ?>">
<input type="hidden" name="office" value="<?cs var:Office.id ?>">
<input type="hidden" name="type" value="<?cs var:Type.id ?>">
<?cs if:Page.move ?><input type="hidden" name="move" value="<?cs var:Page.move ?>"><?cs /if ?>
<ul class="slot-list">
<?cs each:s = d.slots ?><li><button type="submit" name="start" value="<?cs var:s.start ?>" aria-label="<?cs var:d.label ?> <?cs var:s.time ?>"><?cs var:s.time ?></button></li>
<?cs /each ?></ul>
</form>
</section>
<?cs /each ?>
<nav aria-label="<?cs var:Lang.appt.weeks ?>"><ul class="pager">
<?cs if:Week.prev ?><li><a href="/appointments/slots?office=<?cs var:url_escape(Office.id) ?>&amp;type=<?cs var:url_escape(Type.id) ?>&amp;from=<?cs var:url_escape(Week.prev) ?><?cs if:Page.move ?>&amp;move=<?cs var:url_escape(Page.move) ?><?cs /if ?>"><?cs var:Lang.appt.prev_week ?></a></li><?cs /if ?>
<?cs if:Week.next ?><li><a href="/appointments/slots?office=<?cs var:url_escape(Office.id) ?>&amp;type=<?cs var:url_escape(Type.id) ?>&amp;from=<?cs var:url_escape(Week.next) ?><?cs if:Page.move ?>&amp;move=<?cs var:url_escape(Page.move) ?><?cs /if ?>" rel="next"><?cs var:Lang.appt.next_week ?></a></li><?cs /if ?>
</ul></nav>
<?cs call:page_end() ?>
