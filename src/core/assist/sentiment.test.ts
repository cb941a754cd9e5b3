import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeSentiment, sentimentLabel, sentimentTrend } from './sentiment';

const score = (text: string) => analyzeSentiment(text).score;
const label = (text: string) => analyzeSentiment(text).label;

describe('analyzeSentiment: labels', () => {
  it.each([
    ['The agent was great, thank you!', 'positive'],
    ['This app is terrible.', 'negative'],
    ['I updated the app on Tuesday.', 'neutral'],
    ['not good', 'negative'],
    ['It never works.', 'negative'],
    ["It doesn't work.", 'negative'],
    ['It doesnt work', 'negative'],
    ['I loooove the new app', 'positive'],
    ['This is sooo slooow', 'negative'],
    ['It doesn’t work at all', 'negative'],
    ['It does not seem to work', 'negative'],
    ['No problems so far.', 'positive'],
    ['There were no issues with the install.', 'positive'],
    ['Works great since the update.', 'positive'],
    ['I highly recommend this app', 'positive'],
    ['The sync stopped working yesterday', 'negative'],
    ['What a waste of money', 'negative'],
    ['Still waiting for an answer', 'negative'],
    ['No response from support after three days', 'negative'],
    ['I want a refund', 'negative'],
    ['The screen is broken', 'negative'],
    ['The app crashed twice today', 'negative'],
    ['Please cancel my account', 'negative'],
    ['Fixed, thanks!', 'positive'],
    ['The update fixed the crash', 'positive'],
    ["I can't recommend it enough", 'positive'],
    ['Could not be happier with the new plan', 'positive'],
    ["It doesn't get any better than this", 'positive'],
    ["I can't thank you enough", 'positive'],
    ["I can't say enough good things about the team", 'positive'],
    ['The fix is not good enough', 'negative'],
    ["The new version isn't any better", 'negative'],
    ["It's fine, I guess", 'positive'],
    ['Nobody answered my emails', 'negative'],
    ['The parcel never arrived', 'negative'],
    ['I would not recommend it', 'negative'],
    ['It would have been nice to get a call', 'negative'],
    ['Save your money.', 'negative'],
    ['Without any problems at all', 'positive'],
    ['It barely works', 'negative'],
    ['It refuses to connect', 'negative'],
    ['Login fails with error 500', 'negative'],
    ['The page failed to load', 'negative'],
    ['Since the patch it stopped crashing', 'positive'],
    ['The app is well-made and hassle-free', 'positive'],
    ['😡', 'negative'],
    ['😊', 'positive'],
    ['thanks 👍', 'positive'],
    ['again 🤬🤬', 'negative'],
    ['ok :)', 'positive'],
    ['still nothing :(', 'negative'],
    ['I &lt;3 the new dashboard', 'positive'],
    // Nobody doing the job is a complaint; nobody being as good is praise.
    ['No one helps me.', 'negative'],
    ['Nobody answers the phone.', 'negative'],
    ['Nobody replies to my emails', 'negative'],
    ['No one is as good as you.', 'positive'],
    ['It helps a lot.', 'positive'],
  ])('%s -> %s', (text, expected) => {
    expect(label(text)).toBe(expected);
  });
});

describe('analyzeSentiment: the rules order messages the way a reader would', () => {
  it.each([
    // [weaker, stronger]: the second scores higher.
    ['good', 'very good'],
    ['good', 'extremely good'],
    ['slightly good', 'good'],
    ['kind of good', 'good'],
    ['very slow', 'slow'],
    ['slow', 'slightly slow'],
    ['The app is good', 'The app is GOOD'],
    ['The app is bad', 'The app is meh'],
    ['good', 'good!'],
    ['good!', 'good!!!'],
    // Drawn-out letters stress a word, as capitals do; a stutter is the word itself.
    ['the app is good', 'the app is goooood'],
    ['the app is sooo baaad', 'the app is bad'],
    ['I am fine with it', "I'm h-happy with it"],
    ['bad!!!', 'bad'],
    // "the hard way" is a lesson paid for, not a hard task.
    ['we learned the hard way', 'it was hard work'],
    ['not bad', 'good'],
    ['bad', 'not bad'],
    ['good but slow', 'slow but good'],
    ['The agent was friendly but slow', 'The agent was friendly'],
    ['Is this any good?', 'This is good.'],
    ['Why is this so slow?', 'Is it slow?'],
    ['Why is this so slow???', 'Why is this so slow?'],
    ["It doesn't work", 'It works'],
    ['It works', 'It works great'],
    ['😡', '😐'],
    ['😐', '😊'],
  ])('%s < %s', (weaker, stronger) => {
    expect(score(weaker)).toBeLessThan(score(stronger));
  });

  it('weighs what follows "but" more than what precedes it', () => {
    // Same words, opposite order: the clause after "but" decides.
    expect(label('The agent was friendly but the problem is still there')).toBe('negative');
    expect(label('The problem is still there but the agent was friendly')).toBe('positive');
  });

  it('leaves "not bad" mildly positive: weaker than "good"', () => {
    expect(score('not bad')).toBeGreaterThan(0.05);
    expect(score('not bad')).toBeLessThan(score('good'));
  });

  it('stresses ALL-CAPS only when the rest of the message is not shouting too', () => {
    expect(score('GOOD')).toBe(score('good'));
    expect(score('THIS IS GOOD')).toBe(score('this is good'));
    expect(score('this is GOOD')).toBeGreaterThan(score('this is good'));
    expect(score('the update is TERRIBLE')).toBeLessThan(score('the update is terrible'));
    // A level word said in prose is shouted like any other; before a colon it is a log's.
    expect(score('You made an ERROR on my bill again.')).toBeLessThan(
      score('You made an error on my bill again.'),
    );
  });

  it('reads "like" as liking only after someone who likes', () => {
    expect(score('I like it')).toBeGreaterThan(score('It looks like a printer'));
    expect(label("I don't like it")).toBe('negative');
  });
});

describe('analyzeSentiment: short-message language', () => {
  it.each([
    // Laughter of any length, chat interjections and faces VADER's list lacks.
    ['hahahaha', 'positive'],
    ['hehe, sorted', 'positive'],
    ['lolol', 'positive'],
    ['yup, that did it', 'positive'],
    ['ewww, the screen is sticky', 'negative'],
    ['argh, logged out again', 'negative'],
    ['arghh, logged out again', 'negative'],
    ['booyah, it synced', 'positive'],
    ['fml', 'negative'],
    ['see you tomorrow xo', 'positive'],
    ['it is back up ^_^', 'positive'],
    ['the export is down again -_-', 'negative'],
    ['T_T', 'negative'],
    // Laughter is the writer's mood, like a face: a "no" or "not" before it does not flip it.
    ['I have no idea lol', 'positive'],
    ['NOT THE LATTER LOL', 'positive'],
    ['not sure haha', 'positive'],
    ['h-happy for him', 'positive'],
    // Emoticons with a repeated mouth or "=" eyes are the emoticon they repeat.
    ['=(', 'negative'],
    [':(((', 'negative'],
    [':)))', 'positive'],
    // "D:" is a face of dismay; a drive letter is not a face.
    ['It crashed again D:', 'negative'],
    ['trying not to hurl d:', 'negative'],
    ['The D: drive is full', 'neutral'],
    ['Copy it to D: and C:', 'neutral'],
    ['My D: is full again.', 'neutral'],
    ['Answer d: none of the above.', 'neutral'],
    ['Lost my keys D: D:', 'negative'],
    // A dropped g, and superlatives of sentiment words.
    ['lovin the new dashboard', 'positive'],
    ['the coolest feature yet', 'positive'],
    ['classier than the old one', 'positive'],
    ['the messiest screen', 'negative'],
    ['messier than before', 'negative'],
    ['the biggest order this week', 'neutral'],
    ['the latest invoice is attached', 'neutral'],
    // Idioms: VADER's special cases and strong words not meant literally.
    ['just killing time until the call', 'neutral'],
    ['the new theme is to die for', 'positive'],
    ['this keyboard is the bomb', 'positive'],
    ['Fixed? Yeah right.', 'negative'],
    ['what the hell happened to my order', 'negative'],
    ['no worries, take your time', 'positive'],
    ['oh my god the report finally loaded', 'neutral'],
    ['too bad the trial ended', 'negative'],
    ['over the moon with the new plan', 'positive'],
    ['feeling under the weather today', 'negative'],
    ['the new scanner does what it says on the tin', 'positive'],
    ['it does not do what it says on the tin', 'negative'],
  ])('%s -> %s', (text, expected) => {
    expect(label(text)).toBe(expected);
  });

  it.each([
    // [weaker, stronger]
    ['cool', 'coolest'],
    ['the sweet spot', 'the sweetest spot'],
    ['awesome', 'freakin awesome'],
    ['haha', 'hahahaha'],
  ])('%s < %s', (weaker, stronger) => {
    expect(score(weaker)).toBeLessThan(score(stronger));
  });

  it.each([
    // Initialisms are written in capitals anyway; only shouted words are stressed.
    ['ok, resubmitted', 'OK, resubmitted'],
    ['lol that worked', 'LOL that worked'],
    ['xd', 'XD'],
    // A log's level is written in capitals by the software that logged it, not shouted.
    ['The app shows fatal error on start.', 'The app shows FATAL ERROR on start.'],
    ['error: disk full, the backup failed', 'ERROR: disk full, the backup failed'],
    ['warning: battery low', 'WARNING: battery low'],
    ['[warn] low disk, it is TERRIBLE', '[WARN] low disk, it is TERRIBLE'],
    // In a message all in capitals, a level word is just one more capitalised word.
    ['the app shows an error and crashes', 'THE APP SHOWS AN ERROR AND CRASHES'],
  ])('%s scores as %s', (plain, capitals) => {
    expect(score(capitals)).toBe(score(plain));
  });
});

describe('analyzeSentiment: a fault that has left', () => {
  it.each([
    // [text, label, the term as shown]
    ['The crash is gone.', 'positive', 'crash is gone'],
    ['The error went away after the update.', 'positive', 'error went away'],
    ['The problem disappeared.', 'positive', 'problem disappeared'],
    ['The error no longer appears.', 'positive', 'error no longer appears'],
    ['The bug is finally fixed, thank you!', 'positive', 'bug is finally fixed'],
    ['The crash is not gone.', 'negative', 'crash'],
    ['The problem is still there.', 'negative', 'problem'],
  ])('%s -> %s (%s)', (text, expected, term) => {
    const sentiment = analyzeSentiment(text);
    expect(sentiment.label).toBe(expected);
    expect(sentiment.terms[0]!.text).toBe(term);
    // Merged words are not listed again.
    expect(sentiment.terms.every((t) => t.weight !== 0)).toBe(true);
  });

  it('weighs a removal as much as "fixed", or its own word when that is more', () => {
    const fixed = analyzeSentiment('fixed').terms[0]!.weight;
    expect(analyzeSentiment('The crash is gone').terms[0]!.weight).toBe(fixed);
    expect(analyzeSentiment('The issue is resolved').terms[0]!.weight).toBe(
      analyzeSentiment('resolved').terms[0]!.weight,
    );
  });
});

describe('analyzeSentiment: messages a support desk gets', () => {
  // Read as a desk manager reads them: asking for a manager, a service down, waits and call-backs
  // that never come are complaints; a request for information is neutral.
  it.each([
    ['Hi, my card payment failed twice today.', 'negative'],
    // A request is not a liking.
    ['We would like to add two more users to our account.', 'neutral'],
    ["I'd like to know when the technician comes.", 'neutral'],
    ['Can you check the status of ticket ESC-1042?', 'neutral'],
    ['This is unacceptable. I have been waiting for three weeks.', 'negative'],
    ['Thanks for getting back to me so quickly!', 'positive'],
    ['I am still waiting for my refund.', 'negative'],
    ['The technician was very friendly and fixed the router.', 'positive'],
    ['I want to speak to a manager.', 'negative'],
    ['If this is not fixed by Friday we will cancel our contract.', 'negative'],
    ['Works now, you can close the ticket.', 'positive'],
    ['Not happy at all with how this was handled.', 'negative'],
    ['I have called five times and nobody calls back.', 'negative'],
    ['The new firmware is a big improvement, well done.', 'positive'],
    ['Our whole store is down and we cannot take payments!', 'negative'],
    ['Could you send me the invoice for October?', 'neutral'],
    ['No worries, it can wait until Monday.', 'positive'],
    ['We are losing money every hour this is down.', 'negative'],
    ['The replacement arrived and works fine.', 'positive'],
    ['The replacement arrived broken.', 'negative'],
    ['I appreciate your help.', 'positive'],
    ['Your colleague promised a call back yesterday. Nothing happened.', 'negative'],
    ['It is better but still slow.', 'negative'],
    ['Much better now, thanks.', 'positive'],
    ['I do not understand why this takes so long.', 'negative'],
    ['Just checking in on this.', 'neutral'],
    ['Any news on this?', 'neutral'],
    ['Fourth email about the same problem.', 'negative'],
    ['Absolutely ridiculous service.', 'negative'],
    ['Everything is working again, you guys are the best.', 'positive'],
    ['The login page keeps timing out.', 'negative'],
    ['I was charged twice.', 'negative'],
    ['Sorry for the late reply, the test worked.', 'positive'],
    ['Sorry to bother you again, but the printer is still jammed.', 'negative'],
    ['This is the worst experience I have ever had with a supplier.', 'negative'],
    ['Nothing has changed since my last message.', 'negative'],
    ['Great news: the patch solved it.', 'positive'],
    ['It crashes every time I open a report.', 'negative'],
    ['We are very disappointed.', 'negative'],
    ['Please escalate this immediately.', 'negative'],
    ['I give up.', 'negative'],
    ['Keep up the good work!', 'positive'],
    ['The app freezes after the update.', 'negative'],
    ['The receipt printer jams every morning.', 'negative'],
    ['I have a question about my bill.', 'neutral'],
    ['The problem started after the update on Monday.', 'negative'],
    ['Attached is the crash log.', 'neutral'],
    ['Ticket can be closed, thank you.', 'positive'],
    ['Not bad, the new version is faster.', 'positive'],
    ['We need this fixed urgently.', 'negative'],
    ['It has to be resolved by Friday.', 'negative'],
    ['Error code 0x80070005 when installing.', 'negative'],
    ['Where is my order?', 'neutral'],
    ['My order still has not arrived.', 'negative'],
    ['The issue seems to be resolved.', 'positive'],
    ['It happened again this morning.', 'negative'],
    ['No rush.', 'neutral'],
    ['Thanks, that did the trick!', 'positive'],
    ['The agent hung up on me.', 'negative'],
    ['I have been on hold for 45 minutes.', 'negative'],
    ['You fixed it, brilliant!', 'positive'],
    ['The device keeps rebooting.', 'negative'],
    ['I cannot log in.', 'negative'],
    ['The screen is blank.', 'negative'],
    ['Everything works as expected now.', 'positive'],
    ['We will be out of office until Monday.', 'neutral'],
    ['This is taking way too long.', 'negative'],
    ['I am extremely frustrated.', 'negative'],
    ['The refund has arrived, thanks.', 'positive'],
    ['Your technician never showed up.', 'negative'],
    ['No response for 5 days.', 'negative'],
    // Asking for something, help included, is how a ticket begins: no view of the matter.
    ['Could you reset my password please?', 'neutral'],
    ['Please confirm the delivery date.', 'neutral'],
    ['Can you please check the invoice?', 'neutral'],
    ['I need help with my invoice.', 'neutral'],
    ['Hope you can help me.', 'neutral'],
    ['Can someone help?', 'neutral'],
    ['Thanks for your help.', 'positive'],
    ['That would help.', 'positive'],
    // "finally" in a question presses after a wait; "finally" in a statement is relief.
    ['Can someone finally look at this?', 'negative'],
    ['When will you finally call me back?', 'negative'],
    ['Will this finally be fixed?', 'negative'],
    ['It finally works!', 'positive'],
    ['Am I finally growing up?', 'positive'],
    ['Is it finally fixed?', 'positive'],
    ['Finally it works, can you close the ticket?', 'positive'],
    // Faults and broken promises in the customer's words.
    ['You charged me twice for the same order!!!', 'negative'],
    ['WHY IS MY INTERNET DOWN AGAIN', 'negative'],
    ["The laptop I bought last week won't turn on.", 'negative'],
    [
      "Delivery was supposed to be today and it's been pushed back for the fourth time.",
      'negative',
    ],
    // Something the customer had that is gone is lost; a fault that is gone has left.
    ['The data I entered yesterday is gone.', 'negative'],
    ['All my photos are gone!', 'negative'],
    ['The money has vanished from my balance.', 'negative'],
    ['The error is gone.', 'positive'],
    ['The pop-up is gone.', 'neutral'],
    ['My files are not gone, they were in the other folder.', 'neutral'],
    // Deleted for the customer is a loss; deleted by the customer is a step they took.
    ['Oh great, the app deleted all my notes. Fantastic work.', 'negative'],
    ['The update wiped my settings.', 'negative'],
    ['I deleted all my cookies as you suggested.', 'neutral'],
    ['Deleted my cache and it works now.', 'positive'],
    // "can't believe" is amazement, not a denial of what follows.
    ["I can't believe you lost my package again.", 'negative'],
    ["I can't believe how fast that was!", 'positive'],
    ["I can't believe anyone would recommend this.", 'negative'],
    ["I can't believe it's acceptable to charge me twice.", 'negative'],
    // Plain requests and quoted numbers; leaving, and a card refused, are not plain.
    ['Please cancel my appointment on Friday, I will rebook later.', 'neutral'],
    ['What file formats does the import tool accept?', 'neutral'],
    ['My order number is 77120, the one with the lamp.', 'neutral'],
    ['I want to cancel my subscription.', 'negative'],
    ['My card was not accepted.', 'negative'],
    // A fix promised or asked about is not done; one refused still counts.
    ['I was told it would be fixed in 24 hours.', 'neutral'],
    ['Will it be fixed soon?', 'neutral'],
    ["It'll be resolved in the next release.", 'neutral'],
    ["It won't be fixed until Monday.", 'negative'],
    // A shouted "PLEASE" amid plain words pleads; a plain one only asks.
    ["Can someone PLEASE respond, I've sent four emails!", 'negative'],
    ['Could you reset my password PLEASE', 'negative'],
    ['PLEASE HELP ME', 'neutral'],
    ['PLEASE NOTE: our office is closed on Monday.', 'neutral'],
    ['Hi, PLEASE find the logs attached.', 'neutral'],
    // Owning a fault does not take back a complaint that follows it.
    ['Sorry, my mistake, the app is still broken.', 'negative'],
    ['Fine, it was my mistake, your support is awful and slow.', 'negative'],
    ['The crash was my fault, your installer is still terrible though.', 'negative'],
    // Owning the fault blames no one at the desk.
    ['My bad, it works now.', 'positive'],
    ['Sorry, my mistake, the cable was loose.', 'neutral'],
    ['Never mind, the issue was on our side.', 'neutral'],
    ['The crash was my fault.', 'neutral'],
    ['Oops, our error. The router was unplugged.', 'neutral'],
    ['The problem was on our end, it works now.', 'positive'],
    // Denied, put on the desk, regretted or followed by "but": still a complaint.
    ['It was not my fault, your app crashed.', 'negative'],
    ["It wasn't on our end, the router failed.", 'negative'],
    ['The problem is on your end.', 'negative'],
    ['It still crashes on my end.', 'negative'],
    ['My mistake was buying this junk.', 'negative'],
    ['My bad, but the app still crashes.', 'negative'],
    ['Sorry, the app still crashes.', 'negative'],
    ['Oops, our error. Sorry, the app crashes again.', 'negative'],
    // Owned as an afterthought, it owns the clause before it; not one that blames the desk.
    ['The cable was loose, my bad.', 'neutral'],
    ['It crashed, my mistake.', 'neutral'],
    ['The app still crashes, my bad.', 'negative'],
    ['Your installer failed, my bad.', 'negative'],
    // A fault put on the writer by others is a grievance, not owning it.
    ["Your update deleted my files and apparently it's my fault?!", 'negative'],
    ['I was told the outage was our fault.', 'negative'],
    ["The app crashed again and they claim it's my fault.", 'negative'],
    // A yes affirms what follows.
    ['Yep, still broken.', 'negative'],
    ['Yes, I am angry.', 'negative'],
    ['Yup. Delayed again.', 'negative'],
    ['Yes! It works.', 'positive'],
    ['Yep, all sorted now.', 'positive'],
    // An outcome wondered about is not reported.
    ["I'll try it and see if it works.", 'neutral'],
    ['Let me know whether the reset helped.', 'neutral'],
    ['Trying a new cable to see how it works out.', 'neutral'],
    ['It works if you restart it first.', 'positive'],
    ["It doesn't work, even if I restart it.", 'negative'],
    // A sigh is exasperation.
    ['Still nothing. Sigh.', 'negative'],
    // "?!" asks in disbelief.
    ['Is this a joke?!', 'negative'],
    // A kiss signs off warmly; an x that stands for something does not.
    ['Thanks for sorting it x', 'positive'],
    ['See you tomorrow x', 'positive'],
    ['My app just shows a red x', 'neutral'],
    ['Still waiting for my refund x', 'negative'],
    ['All done now :) xx', 'positive'],
    ['The formula multiplies the rate by x', 'neutral'],
    ['Should it be 2 x', 'neutral'],
    ['I ordered the Model X', 'neutral'],
    // A wait told is a complaint, unless the sentence goes on to praise.
    ["I was told it would be fixed in 24 hours. It's been a week.", 'negative'],
    ['It has been over two weeks.', 'negative'],
    ["It's been ages.", 'negative'],
    ["It's been a great week!", 'positive'],
    ["It's been a week since the update and everything works great.", 'positive'],
    ["It's been a week of calm.", 'positive'],
    ["It's been a month now. Zero problems!", 'positive'],
    // Asking how to pay, and only acknowledging, are neutral.
    ['Can I pay by bank transfer?', 'neutral'],
    ['ok', 'neutral'],
    ['Okay.', 'neutral'],
    ['ok thanks', 'positive'],
    ['The battery life is ok', 'positive'],
    // Complaints told without a word of sentiment.
    ['My internet has been down since Monday.', 'negative'],
    ["I've had enough. Please close my account.", 'negative'],
    ['Are you kidding me? The plan is throttled after 20GB.', 'negative'],
    ["I'm still being charged for the line I cancelled in January.", 'negative'],
    ['Thank you for your reply but the issue persists.', 'negative'],
    ['Please fix this.', 'negative'],
    ['Can you fix it?', 'negative'],
    ['Please fix the crash on startup.', 'negative'],
    ['The "fix" broke two other things.', 'negative'],
    ['Thanks for the fix to the crash bug!', 'positive'],
    ['Thanks for processing my return without asking any questions!', 'positive'],
    ['THIRD TIME ASKING. PLEASE RESET MY PASSWORD.', 'negative'],
    ['WHERE IS MY ORDER?? It was supposed to arrive on the 12th.', 'negative'],
    ['My parcel is supposed to arrive on Friday. Can I change the address?', 'neutral'],
    ['Can someone explain why my account was locked AGAIN?', 'negative'],
    ['I will be leaving a 1-star review everywhere I can.', 'negative'],
    ['It works now but it took two weeks to get here. Thanks I guess.', 'negative'],
    ['Five-star service, thank you!', 'positive'],
    ['We stayed in a 3-star hotel.', 'neutral'],
    ['Definitely not a 5-star experience.', 'negative'],
    // ... and what only names or asks.
    ['Will the planned outage on Thursday affect the north side?', 'neutral'],
    ['Is the gift card valid online as well?', 'neutral'],
    ['Can I spend my store credit online?', 'neutral'],
    ['Hello, kindly send me the quotation. Regards, Ahmed', 'neutral'],
    ['pls call me back after 5pm', 'neutral'],
    ["I'd like to submit a meter reading: 04512.", 'neutral'],
    ['Please cancel the extra SIM, I no longer need it.', 'neutral'],
    ['fine', 'neutral'],
    ['He kindly helped me set it up.', 'positive'],
    ['This fixes it.', 'positive'],
    ['The update fixed the crash.', 'positive'],
    // Owning a fault by what one did.
    ['Hi, I made a mistake and entered the wrong flight date. Can it be changed?', 'neutral'],
    ['Sorry, I think I sent the wrong photo earlier.', 'neutral'],
    ['You sent the wrong item.', 'negative'],
    ['I ordered the wrong size because your website is confusing.', 'negative'],
    ['I used the wrong card and your system charged me twice!', 'negative'],
    ['We booked the wrong room and the hotel was filthy anyway.', 'negative'],
    ['The upload failed, my bad.', 'neutral'],
    // Surprise at what came, and a remedy that outweighs the trouble.
    ["Honestly didn't expect such a helpful answer. Thank you!", 'positive'],
    ['The delay was annoying but the compensation more than makes up for it.', 'positive'],
    // "hand" is not praise in a ticket.
    ['The hand scanner is on the desk.', 'neutral'],
  ])('%s -> %s', (text, expected) => {
    expect(label(text)).toBe(expected);
  });
});

describe('analyzeSentiment: done for nothing', () => {
  it.each([
    ['The update fixed nothing.', 'negative', 'fixed nothing'],
    ['Your advice helped nothing.', 'negative', 'helped nothing'],
    ['The restart changed nothing.', 'negative', 'changed nothing'],
    ['That did nothing.', 'negative', 'did nothing'],
    // A defence, and an instruction, are not complaints.
    ['He did nothing wrong.', 'positive', 'wrong'],
    ['Do nothing until we call.', 'neutral', undefined],
  ])('%s -> %s', (text, expected, term) => {
    const sentiment = analyzeSentiment(text);
    expect(sentiment.label).toBe(expected);
    expect(sentiment.terms[0]?.text).toBe(term);
  });
});

describe('analyzeSentiment: irony', () => {
  it.each([
    // Praise that opens a complaint mocks it.
    ['Great, another outage.', 'negative'],
    ['Great. Another outage.', 'negative'],
    ['Oh great, it crashed again.', 'negative'],
    ['Oh wonderful, it crashed.', 'negative'],
    ['Perfect, now nothing works.', 'negative'],
    ['Nice, the update broke the printer again!', 'negative'],
    ['I love how nobody ever answers.', 'negative'],
    ['Love how it crashes every morning.', 'negative'],
    // Praise said on its own after a complaint mocks it too.
    ['The server is down again. Great.', 'negative'],
    ['It crashed again. Just perfect!', 'negative'],
    // Thanks for a harm is sarcasm.
    ['Thanks for wasting my time.', 'negative'],
    ['Thank you for breaking my printer.', 'negative'],
    ['Thanks Anna for ignoring my emails.', 'negative'],
    ['Thanks so much for wasting my time.', 'negative'],
    // Praise said alone after a complaint mocks it, unless a fix is on its way.
    ['It crashed again. Really helpful.', 'negative'],
    ['The app crashes again every morning. Love it.', 'negative'],
    // ... not praise after a complaint put right.
    ['My order was lost, and you sent a new one the same day. Really helpful.', 'positive'],
    ['I lost my password and the reset link came instantly. Love it.', 'positive'],
    ['Been a customer for 12 years and you lost my order. Unbelievable.', 'negative'],
    ['I love how I have to restart the router every single morning.', 'negative'],
    ['I love how I can export everything in one click.', 'positive'],
    ['I love how I have to do nothing and it just syncs.', 'positive'],
    ["Yeah sure, I'll just wait another 2 weeks, no problem at all. 🙃", 'negative'],
    ['Great job 🙃', 'negative'],
    ['Oops, I deleted it myself 🙃 all good now, thanks!', 'positive'],
    ['Great app overall, sync is a bit slow though :/', 'positive'],
    // Done behind the customer's back, and the praise that mocks it after.
    ['Wow, thanks for cancelling my order without telling me. Brilliant.', 'negative'],
    ['Thanks for charging my card without asking.', 'negative'],
    ['Thanks for wasting my time. Brilliant.', 'negative'],
    // Praise taken back by a wry face.
    ['Love a good last minute emergency :/', 'negative'],
    ['Great update, lost all my settings 🙄', 'negative'],
    // ... but not praise that is meant, nor a concession, nor courtesy, nor mixed praise.
    ['Great, it works now.', 'positive'],
    ['Great! Works again.', 'positive'],
    ['Great. Thanks.', 'positive'],
    ['Love how easy it is.', 'positive'],
    ['Great job. Another outage though.', 'positive'],
    ['Funny, sad and romantic.', 'positive'],
    ['The crash is gone. Great!', 'positive'],
    ['It was slow, but it works now. Great.', 'positive'],
    ['Thanks for fixing the crash.', 'positive'],
    ['Thanks for looking into the problem.', 'positive'],
    ['Thanks for stopping the duplicate charges.', 'positive'],
    ['Thanks for cancelling my subscription as requested.', 'positive'],
    ['The technician will replace the broken screen tomorrow. Great!', 'positive'],
    ['The outage is scheduled to end at 5pm. Great.', 'positive'],
    ['Great, thanks :/', 'positive'],
    ['Wow, thanks for fixing it so fast!', 'positive'],
    ['Thank you for the refund. Brilliant.', 'positive'],
  ])('%s -> %s', (text, expected) => {
    expect(label(text)).toBe(expected);
  });

  it('counts mocking praise against, at half its size; a concession and courtesy keep theirs', () => {
    const [great] = analyzeSentiment('Great, another outage.').terms;
    expect(great!.weight).toBeCloseTo(-analyzeSentiment('Great').terms[0]!.weight / 2, 3);
    expect(analyzeSentiment('Great, but it fails again.').terms[0]!.weight).toBeGreaterThan(0);
    expect(analyzeSentiment('Thanks, it still fails.').terms[0]!.weight).toBeGreaterThan(0);
    // A wry face takes back the praise it follows, not praise conceded before a "but".
    expect(
      analyzeSentiment('Love the new look, the menu is broken :/').terms[0]!.weight,
    ).toBeLessThan(0);
    expect(
      analyzeSentiment('Love the new look, but the menu is broken :/').terms[0]!.weight,
    ).toBeGreaterThan(0);
  });
});

describe('analyzeSentiment: clause and quotation rules', () => {
  it.each([
    // [weaker, stronger]: what is conceded counts for less, as before "but".
    ['Setup was painful, it works great now', 'Although setup was painful, it works great now'],
    ['Setup was painful, it works great', 'Even though setup was painful, it works great'],
    ['The app is slow despite the great support', 'The great support, and the app is slow'],
    // Quoted words are reported or named, not asserted.
    ['They called the fix "perfect"', 'They called the fix perfect'],
    ['The bug is "harmless"', 'The bug is harmless'],
    // A question ends at the last of its marks, however many there are.
    ['Is it any good...?', 'It is good.'],
    // ... and "still" only makes what is bad a complaint: "is it still good?" asks.
    ['Is it still good?', 'It is still good.'],
  ])('%s < %s', (weaker, stronger) => {
    expect(score(weaker)).toBeLessThan(score(stronger));
  });

  it.each([
    // "though" closing a clause concedes nothing.
    ['The battery is great, though', 'The battery is great'],
    // An unclosed quotation mark is an inch mark, not a quotation.
    ['A 15" screen that is great', 'A 15 screen that is great'],
    // A face in a question is still the writer's mood.
    [':( is anyone there?', ':('],
    // A question that complains is not asked about: "why", "seriously", and what is "still" bad.
    ['Why is it so slow?', 'It is so slow.'],
    ['Seriously? It crashed.', 'Seriously. It crashed.'],
    ['Still broken?', 'Still broken.'],
    ['Is it broken again?', 'It is broken again.'],
    // "?!" asks in disbelief: it asserts.
    ['Is it broken?!', 'It is broken!'],
    ['You lost my order!?', 'You lost my order!'],
    // "it's not like ..." compares; it does not dislike.
    ["It's not like the old version", 'It is the old version'],
    // "not like" with no one before it to do the liking compares too.
    ['Execute like lightning, not like wind', 'Execute like lightning'],
    // A stutter is its word, known or not: "i-i-it's" is "it's", so "like" after it compares.
    ["I-i-it's not like I'm jealous", "It's not like I'm jealous"],
  ])('%s scores as %s', (text, same) => {
    expect(score(text)).toBe(score(same));
  });

  it('reads "like" after a form of "be" as a comparison, even past "just" or "not"', () => {
    expect(score("It's just like the old version")).toBeLessThan(
      score('I just like the new version'),
    );
    expect(label("I'm not like that")).toBe('neutral');
    expect(label("I don't like it")).toBe('negative');
  });
});

describe("analyzeSentiment: a review's own star rating", () => {
  it.each([
    // [text, label, the rating term as written]
    ['5 stars', 'positive', '5 stars'],
    ['one star', 'negative', 'one star'],
    ['I gave it 4 1/2 stars', 'positive', '4 1/2 stars'],
    ['4.5 stars', 'positive', '4.5 stars'],
    ['2/5 stars', 'negative', '2/5 stars'],
    ['8/10 stars', 'positive', '8/10 stars'],
    ['10 stars', 'positive', '10 stars'],
    ['0 stars', 'negative', '0 stars'],
  ])('%s is %s, read as "%s"', (text, expected, term) => {
    const result = analyzeSentiment(text);
    expect(result.label).toBe(expected);
    expect(result.terms.map((t) => t.text)).toEqual([term]);
  });

  it.each([
    // A half on its own is taken off a rating, not a rating of half a star.
    ['docked 1/2 star for the size'],
    // Not a count of stars out of five.
    ['7 stars'],
    ['5/2 stars'],
    ['3 stars'],
  ])('%s rates nothing', (text) => {
    expect(analyzeSentiment(text).terms).toEqual([]);
  });

  it('puts a half-star rating between its whole stars', () => {
    expect(score('4 stars')).toBeLessThan(score('4.5 stars'));
    expect(score('4.5 stars')).toBe(score('4 1/2 stars'));
    expect(score('4.5 stars')).toBeLessThan(score('5 stars'));
    expect(score('2/5 stars')).toBe(score('2 stars'));
    expect(score('8/10 stars')).toBe(score('4 stars'));
  });
});

describe('analyzeSentiment: support-desk pressure and courtesy', () => {
  it.each([
    ['Please escalate, this is urgent', 'negative'],
    ['This is urgent.', 'negative'],
    ['I need an answer urgently', 'negative'],
    ['Please fix this ASAP', 'negative'],
    // Polite and pressing at once: the "please" only asks, the pressure stays.
    ['Please fix this asap', 'negative'],
    ['Still not fixed. Thanks.', 'negative'],
    ['Still not fixed. Thank you in advance!', 'negative'],
    ['The export failed again. Please advise.', 'negative'],
    ['The sync is slow again. Thanks for your help.', 'negative'],
    // Courtesy after praise, or as the message itself, keeps its warmth.
    ['Fixed, thanks!', 'positive'],
    ['Works great now. Thanks!', 'positive'],
    ['Thank you.', 'positive'],
    // Thanks that are part of the complaint are not a closing courtesy.
    ['Still not fixed. Thanks for nothing.', 'negative'],
    // "didn't work" is a fault; after a determiner "work" is a noun, and only the help is denied.
    ['It did not work today', 'negative'],
    ["I didn't do any work today", 'neutral'],
    ["I didn't get any help", 'negative'],
  ])('%s -> %s', (text, expected) => {
    expect(label(text)).toBe(expected);
  });

  it('lets a closing courtesy soften a complaint a little, never outweigh it', () => {
    const complaint = score('The report is a bit slow.');
    const courteous = score('The report is a bit slow. Thank you so much.');
    expect(courteous).toBeGreaterThan(complaint);
    expect(courteous).toBeLessThan(0);
  });

  it('keeps the whole weight of thanks after praise', () => {
    expect(score('It works now. Thanks.')).toBe(score('It works now, thanks.'));
  });
});

describe('analyzeSentiment: text handling', () => {
  it.each([
    [''],
    ['   '],
    ['\n\t'],
    ['http://example.com/a:/b'],
    ['See www.example.com/x:(y'],
    ['The call is at 1:30'],
    ['Order #12345 &amp; invoice 678'],
    // An e-mail address or a handle names someone: its words are not the writer's mood.
    ['Reply to happy.customer@example.com'],
    ['cc @best_support_ever and (@sadpanda)'],
  ])('%j has no sentiment', (text) => {
    expect(analyzeSentiment(text)).toEqual({ score: 0, label: 'neutral', terms: [] });
  });

  it.each([
    // A letter's closing formula is not praise (quoted replies and signatures are customerWords').
    ['It works.\nBest regards,\nJane', 'It works.'],
    ['Still down. Kind regards', 'Still down.'],
    ['The printer jams again. Kind regards', 'The printer jams again.'],
  ])('%j weighs as %j', (text, same) => {
    expect(score(text)).toBe(score(same));
  });

  it('keeps the marks after an address or a handle', () => {
    expect(score('Great work @sam!!')).toBe(score('Great work Sam!!'));
    expect(score('Meet @ 5, great')).toBeGreaterThan(0);
  });

  it('names the terms that moved the score, as written, with their adjusted weights', () => {
    const { terms } = analyzeSentiment("Honestly it DOESN'T WORK and the app is very slow 😡");
    expect(terms.map((t) => t.text)).toEqual(["DOESN'T WORK", 'slow', '😡']);
    const [notWorking, slow, angry] = terms;
    expect(notWorking!.weight).toBeLessThan(-2.3); // the phrase plus capitals
    expect(slow!.weight).toBeLessThan(-1); // "very" adds to the word's -1.0
    expect(angry!.weight).toBe(-3);
  });

  it('flips a negated word and reports the flipped weight', () => {
    const { terms } = analyzeSentiment('The agent was not helpful');
    expect(terms).toHaveLength(1);
    expect(terms[0]!.text).toBe('helpful');
    expect(terms[0]!.weight).toBeLessThan(0);
  });

  it('gives the same answer however many other messages it scored before', () => {
    const long = 'great '.repeat(5000) + 'but it crashed';
    const before = analyzeSentiment('The export still fails, please help');
    analyzeSentiment(long);
    expect(analyzeSentiment('The export still fails, please help')).toEqual(before);
  });
});

describe('analyzeSentiment: invariants', () => {
  const words = [
    'good',
    'great',
    'bad',
    'slow',
    'broken',
    'works',
    'not',
    "don't",
    'no',
    'never',
    'very',
    'slightly',
    'the',
    'app',
    'it',
    'problems',
    'refund',
    'fixed',
    'like',
    'i',
    'kind',
    'of',
    'would',
    'have',
    'been',
    'nice',
    ',',
    '.',
    '!',
    '?',
    ':)',
    '😡',
    '5',
    'stars',
    // The rules that look ahead or behind: "fixed nothing", "went away", "no longer appears",
    // "would like to cancel", "Great, another outage", "love how", "need this fixed", "no one".
    'nothing',
    'went',
    'away',
    'gone',
    'longer',
    'appears',
    'to',
    'cancel',
    'another',
    'again',
    'love',
    'how',
    'oh',
    'need',
    'crash',
    'one',
    'is',
    'seriously',
    'still',
  ];
  const sentence = fc
    .array(fc.constantFrom(...words), { maxLength: 25 })
    .map((tokens) => tokens.join(' '));

  it('keeps the score in [-1, 1] and the label consistent with it, for any text', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'grapheme' }), sentence), (text) => {
        const result = analyzeSentiment(text);
        expect(result.score).toBeGreaterThanOrEqual(-1);
        expect(result.score).toBeLessThanOrEqual(1);
        expect(result.label).toBe(sentimentLabel(result.score));
        for (const term of result.terms) {
          expect(Number.isFinite(term.weight)).toBe(true);
          expect(text).toContain(term.text);
        }
      }),
    );
  });

  it('scores a message the same whatever was scored before it', () => {
    fc.assert(
      fc.property(sentence, sentence, (earlier, text) => {
        const alone = analyzeSentiment(text);
        analyzeSentiment(earlier);
        expect(analyzeSentiment(text)).toEqual(alone);
      }),
      { numRuns: 500 },
    );
  });

  it('never lowers a message that is not positive when "but it works great" follows', () => {
    fc.assert(
      fc.property(sentence, (text) => {
        const before = score(text);
        fc.pre(before <= 0);
        expect(score(`${text} but it works great`)).toBeGreaterThan(before);
      }),
    );
  });
});

describe('sentimentLabel', () => {
  it.each([
    [-1, 'negative'],
    [-0.05, 'negative'],
    [-0.0499, 'neutral'],
    [0, 'neutral'],
    [0.0499, 'neutral'],
    [0.05, 'positive'],
    [1, 'positive'],
  ])('%d -> %s', (value, expected) => {
    expect(sentimentLabel(value)).toBe(expected);
  });
});

describe('sentimentTrend', () => {
  it('is undefined without messages', () => {
    expect(sentimentTrend([])).toBeUndefined();
  });

  it('is steady with one message', () => {
    expect(sentimentTrend([{ at: 5, score: -0.4 }])).toEqual({
      latest: -0.4,
      average: -0.4,
      change: 0,
      direction: 'steady',
      messages: 1,
    });
  });

  it.each([
    { scores: [0.2, 0.4, -0.5], direction: 'angrier', change: -0.8 },
    { scores: [-0.6, -0.4, 0.3], direction: 'calmer', change: 0.8 },
    { scores: [0.1, 0.3, 0.1], direction: 'steady', change: -0.1 },
    { scores: [0, 0.2], direction: 'calmer', change: 0.2 },
    { scores: [0, -0.2], direction: 'angrier', change: -0.2 },
  ])('$scores -> $direction', ({ scores, direction, change }) => {
    const trend = sentimentTrend(scores.map((s, i) => ({ at: 1000 * i, score: s })))!;
    expect(trend.direction).toBe(direction);
    expect(trend.change).toBeCloseTo(change, 10);
    expect(trend.latest).toBe(scores[scores.length - 1]);
    expect(trend.messages).toBe(scores.length);
  });

  it('orders messages by time, whatever order they come in', () => {
    const trend = sentimentTrend([
      { at: 300, score: -0.6 },
      { at: 100, score: 0.4 },
      { at: 200, score: 0.2 },
    ])!;
    expect(trend.latest).toBe(-0.6);
    expect(trend.average).toBeCloseTo(0, 10);
    expect(trend.change).toBeCloseTo(-0.9, 10);
    expect(trend.direction).toBe('angrier');
  });

  it('leaves its input alone', () => {
    const points = [
      { at: 2, score: 0.1 },
      { at: 1, score: 0.5 },
    ];
    sentimentTrend(points);
    expect(points).toEqual([
      { at: 2, score: 0.1 },
      { at: 1, score: 0.5 },
    ]);
  });
});
