<?cs include:"layout.cs" ?>
<?cs call:page_start(Lang.appt.title) ?>
<h1><?cs var:Lang.appt.title ?></h1>
<p><?cs var:Lang.appt.intro ?></p>
<?cs if:Mine.0.uid ?><h2><?cs var:Lang.appt.mine ?></h2>
<ul class="appointments">
<?cs each:m = Mine ?><li><a href="/appointments/<?cs var:url_escape(m.uid) ?>"><?cs var:m.when ?> — <?cs var:m.type ?>, <?cs var:m.office ?></a><?cs if:m.status == "held" ?> (<?cs var:Lang.appt.status.held ?>)<?cs /if ?></li>
<?cs /each ?></ul><?cs /if ?>
<h2><?cs var:Lang.appt.choose ?></h2>
<?cs if:!Offices.0.id ?><p><?cs var:Lang.appt.no_office ?></p><?cs /if ?>
<?cs each:o = Offices ?><div class="office">
<h3 id="office-<?cs var:o.id ?>"><?cs var:o.name ?></h3>
<p><?cs var:o.address ?></p>
<?cs if:o.access ?><p class="small"><?cs var:Lang.appt.access ?> <?cs var:o.access ?></p><?cs /if ?>
<ul>
<?cs each:t = o.types ?><li><a href="/appointments/slots?office=<?cs var:url_escape(o.id) ?>&amp;type=<?cs var:url_escape(t.id) ?>"><?cs var:t.label ?></a> (<?cs var:t.minutes ?> <?cs var:Lang.appt.minutes ?>)</li>
<?cs /each ?></ul>
</div>
<?cs /each ?>
<?cs call:page_end() ?>
