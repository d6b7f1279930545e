<?cs include:"layout.cs" ?><?cs include:"orgs/macros.cs" ?>
<?cs def:mandate_rows(rows, caption, side) ?><table>
<caption><?cs var:caption ?></caption>
<thead><tr><th scope="col"><?cs var:Lang.orgs.mandate ?></th><th scope="col"><?cs if:side == "given" ?><?cs var:Lang.orgs.mandatary ?><?cs else ?><?cs var:Lang.orgs.beneficiary ?><?cs /if ?></th><th scope="col"><?cs var:Lang.orgs.scope ?></th><th scope="col"><?cs var:Lang.orgs.period ?></th><th scope="col"><?cs var:Lang.orgs.status ?></th><th scope="col"><?cs var:Lang.orgs.actions ?></th></tr></thead>
<tbody><?cs each:m = rows ?><tr>
<td><?cs var:m.id ?></td>
<td><?cs if:side == "given" ?><?cs var:m.mandatary ?><?cs if:m.mandatary_bce ?> (<?cs var:m.mandatary_bce ?>)<?cs /if ?><?cs else ?><?cs var:m.beneficiary ?> (<?cs var:m.beneficiary_bce ?>)<?cs /if ?></td>
<td><?cs var:m.scope ?></td>
<td><?cs var:m.from ?> — <?cs var:m.to ?></td>
<td><?cs if:m.expired == "t" ?><?cs var:Lang.orgs.mst.expired ?><?cs else ?><?cs var:Lang.orgs.mst[m.status] ?><?cs /if ?></td>
<td><?cs if:side == "given" && m.status == "requested" && Org.manager == "1" ?><form method="post" action="/org/mandates/<?cs var:m.id ?>/accept" class="inline"><input type="hidden" name="<?cs var:Csrf.field ?>" value="<?cs var:Csrf.token ?>"><button type="submit"><?cs var:Lang.orgs.accept ?><span class="visually-hidden"> <?cs var:m.id ?></span></button></form>
<form method="post" action="/org/mandates/<?cs var:m.id ?>/refuse" class="inline"><input type="hidden" name="<?cs var:Csrf.field ?>" value="<?cs var:Csrf.token ?>"><button type="submit" class="secondary"><?cs var:Lang.orgs.refuse ?><span class="visually-hidden"> <?cs var:m.id ?></span></button></form><?cs /if ?>
<?cs if:(m.status == "accepted" || m.status == "requested") && m.expired != "t" && (Org.manager == "1" || !Org.name) ?><form method="post" action="/org/mandates/<?cs var:m.id ?>/revoke" class="inline"><input type="hidden" name="<?cs var:Csrf.field ?>" value="<?cs var:Csrf.token ?>"><button type="submit" class="secondary"><?cs var:Lang.orgs.revoke ?><span class="visually-hidden"> <?cs var:m.id ?></span></button></form><?cs /if ?></td>
</tr>
<?cs /each ?></tbody></table><?cs /def ?>
<?cs call:page_start(Lang.orgs.mandates) ?>
<h1><?cs var:Lang.orgs.mandates ?><?cs if:Org.name ?> — <?cs var:Org.name ?><?cs /if ?></h1>
<?cs if:Org.name ?><?cs call:org_nav() ?><?cs /if ?>
<?cs call:error_summary() ?>
<?cs if:Query.saved ?><p class="notice" role="status"><?cs var:Lang.orgs.saved ?></p><?cs /if ?>
<p><?cs var:Lang.orgs.mandates_intro ?></p>
<?cs if:Org.name ?><?cs if:Given.0.id ?><?cs call:mandate_rows(Given, Lang.orgs.given, "given") ?><?cs else ?><h2><?cs var:Lang.orgs.given ?></h2><p><?cs var:Lang.orgs.mandates_none ?></p><?cs /if ?><?cs /if ?>
<?cs if:Held.0.id ?><?cs call:mandate_rows(Held, Lang.orgs.held, "held") ?><?cs else ?><h2><?cs var:Lang.orgs.held ?></h2><p><?cs var:Lang.orgs.mandates_none ?></p><?cs /if ?>
<?cs if:Org.manager == "1" || !Org.name ?><h2><?cs var:Lang.orgs.new_mandate ?></h2>
<form method="post" action="/org/mandates" id="new-mandate" novalidate>
<input type="hidden" name="<?cs var:Csrf.field ?>" value="<?cs var:Csrf.token ?>">
<?cs if:Org.name ?><fieldset>
<legend><?cs var:Lang.orgs.side ?></legend>
<div class="field"><input type="radio" id="side-ask" name="side" value="ask"<?cs if:Form.side != "give" ?> checked<?cs /if ?>><label for="side-ask"><?cs var:Lang.orgs.side_ask ?></label></div>
<div class="field"><input type="radio" id="side-give" name="side" value="give"<?cs if:Form.side == "give" ?> checked<?cs /if ?>><label for="side-give"><?cs var:Lang.orgs.side_give ?></label></div>
</fieldset><?cs else ?><input type="hidden" name="side" value="ask"><?cs /if ?>
<?cs call:org_input("bce", Lang.orgs.other_bce, "text", Lang.orgs.other_bce_hint, "number", 0) ?>
<?cs if:Org.name ?><?cs call:org_input("nrn", Lang.orgs.other_nrn, "text", Lang.orgs.other_nrn_hint, "number", 0) ?><?cs /if ?>
<?cs call:org_families(Lang.orgs.scope) ?>
<?cs call:org_input("from", Lang.orgs.from, "text", Lang.orgs.date_hint, "date", 1) ?>
<?cs call:org_input("to", Lang.orgs.to, "text", Lang.orgs.date_hint, "date", 1) ?>
<button type="submit"><?cs var:Lang.orgs.send ?></button>
</form><?cs /if ?>
<?cs call:page_end() ?>
