<?cs # The heat-pump premium's macros: its steps, its pages then the overview with the amount. ?>
<?cs def:heatpump_steps() ?>
<p class="progress"><?cs var:Lang.form.step ?> <?cs var:Progress.step ?> <?cs var:Lang.form.of ?> <?cs var:Progress.total ?></p>
<nav class="steps" aria-label="<?cs var:Lang.form.steps ?>"><ol>
<?cs each:s = Steps ?><li><?cs if:s.current ?><span aria-current="step"><?cs var:s.title ?></span><?cs else ?><a href="/heat-pump/<?cs var:Dossier.id ?>/<?cs var:url_escape(s.id) ?>"><?cs var:s.title ?></a><?cs /if ?></li>
<?cs /each ?><li><?cs if:Progress.step == Progress.total ?><span aria-current="step"><?cs var:Lang.heatpump.overview ?></span><?cs else ?><a href="/heat-pump/<?cs var:Dossier.id ?>"><?cs var:Lang.heatpump.overview ?></a><?cs /if ?></li>
</ol></nav>
<?cs /def ?>
