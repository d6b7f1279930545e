<?cs include:"layout.cs" ?>
<?cs include:"forms/fields.cs" ?>
<?cs include:"heatpump/macros.cs" ?>
<?cs call:page_start(Lang.heatpump.overview + " — " + Dossier.title) ?>
<p class="small"><?cs var:Dossier.title ?></p>
<?cs call:heatpump_steps() ?>
<h1><?cs var:Lang.heatpump.overview ?></h1>
<?cs if:Submit.expired ?><div class="error-summary" role="alert"><p><?cs var:Submit.expired ?></p></div><?cs /if ?>
<?cs if:Premium.changed ?><p class="notice" role="status"><?cs var:Lang.heatpump.changed ?></p><?cs /if ?>
<?cs if:Problems.count > 0 ?><div class="error-summary" role="alert"><p><?cs var:Problems.count ?> <?cs var:Lang.form.problems ?></p></div><?cs /if ?>
<?cs call:answers(1) ?>
<?cs if:Premium.amount ?>
<section class="answers premium" aria-labelledby="premium-title">
<h2 id="premium-title"><?cs var:Lang.heatpump.premium_title ?></h2>
<dl class="summary">
<div class="row"><dt><?cs var:Lang.heatpump.income ?></dt><dd><?cs var:Premium.income ?> €</dd></div>
<div class="row"><dt><?cs var:Lang.heatpump.deduction ?></dt><dd><?cs var:Premium.dependents ?> × <?cs var:Premium.deduction_each ?> € = <?cs var:Premium.deduction ?> €</dd></div>
<div class="row"><dt><?cs var:Lang.heatpump.reference ?></dt><dd><?cs var:Premium.reference ?> €</dd></div>
<div class="row"><dt><?cs var:Lang.heatpump.category ?></dt><dd><?cs var:Premium.category ?> (<?cs var:Lang.heatpump.multiplier ?> × <?cs var:Premium.multiplier ?>)</dd></div>
<div class="row"><dt><?cs var:Lang.heatpump.base ?></dt><dd><?cs var:Premium.base ?> € (<?cs var:Premium.work ?>)</dd></div>
<div class="row"><dt><?cs var:Lang.heatpump.computed ?></dt><dd><?cs var:Premium.base ?> € × <?cs var:Premium.multiplier ?> = <?cs var:Premium.computed ?> €</dd></div>
<div class="row"><dt><?cs var:Lang.heatpump.cap ?></dt><dd><?cs var:Premium.cap_percent ?> % × <?cs var:Premium.invoice ?> € = <?cs var:Premium.cap ?> €</dd></div>
<div class="row"><dt><?cs var:Lang.heatpump.amount ?></dt><dd><strong class="amount"><?cs var:Premium.amount ?> €</strong><?cs if:Premium.capped ?> <span class="small"><?cs var:Lang.heatpump.capped ?></span><?cs /if ?></dd></div>
</dl>
<table class="scale">
<caption><?cs var:Lang.heatpump.scale_caption ?> <?cs var:Premium.valid_from ?> (<?cs var:Lang.heatpump.version ?> <?cs var:Premium.version ?>)</caption>
<thead><tr><th scope="col"><?cs var:Lang.heatpump.category ?></th><th scope="col"><?cs var:Lang.heatpump.reference ?></th><th scope="col"><?cs var:Lang.heatpump.multiplier ?></th></tr></thead>
<tbody>
<?cs each:c = Scale ?><tr<?cs if:c.current ?> class="current"<?cs /if ?>><th scope="row"><?cs var:c.category ?><?cs if:c.current ?> <span class="small">(<?cs var:Lang.heatpump.yours ?>)</span><?cs /if ?></th>
<td><?cs if:c.up_to ?><?cs var:Lang.heatpump.up_to ?> <?cs var:c.up_to ?> €<?cs else ?><?cs var:Lang.heatpump.above ?> <?cs var:c.above ?> €<?cs /if ?></td><td>× <?cs var:c.multiplier ?></td></tr>
<?cs /each ?></tbody>
</table>
</section>
<?cs call:send_form("/heat-pump/", Lang.heatpump.sign_text, "amount", Premium.amount) ?>
<?cs /if ?>
<?cs call:delete_form() ?>
<?cs call:page_end() ?>
