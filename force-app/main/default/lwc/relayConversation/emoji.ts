import SMILE from '@salesforce/label/c.Relay_Emoji_Smile';
import THUMBS_UP from '@salesforce/label/c.Relay_Emoji_ThumbsUp';
import HEART from '@salesforce/label/c.Relay_Emoji_Heart';
import LAUGH from '@salesforce/label/c.Relay_Emoji_Laugh';
import THANKS from '@salesforce/label/c.Relay_Emoji_Thanks';
import PARTY from '@salesforce/label/c.Relay_Emoji_Party';
import WAVE from '@salesforce/label/c.Relay_Emoji_Wave';
import CHECK from '@salesforce/label/c.Relay_Emoji_Check';

/** One emoji of the reply box's menu: the character inserted and what a screen reader says for it. */
export interface EmojiChoice {
    readonly value: string;
    readonly label: string;
}

// A short, fixed set: the menu is a shortcut for the common ones, not a full picker.
export const EMOJI: readonly EmojiChoice[] = Object.freeze(
    (
        [
            ['\u{1F60A}', SMILE],
            ['\u{1F44D}', THUMBS_UP],
            ['\u2764\uFE0F', HEART],
            ['\u{1F602}', LAUGH],
            ['\u{1F64F}', THANKS],
            ['\u{1F389}', PARTY],
            ['\u{1F44B}', WAVE],
            ['\u2705', CHECK]
        ] as const
    ).map(([value, name]) => Object.freeze({ value, label: `${value} ${name}` }))
);

/** Whether an emoji still fits in a draft on a channel with this limit (String.length, as the Apex counts). */
export function fitsEmoji(draft: string, emoji: string, maxLength: number): boolean {
    return draft.length + emoji.length <= maxLength;
}
