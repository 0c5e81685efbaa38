import CHANNEL_WEBCHAT from '@salesforce/label/c.Relay_Channel_Webchat';
import CHANNEL_SMS from '@salesforce/label/c.Relay_Channel_Sms';
import CHANNEL_WHATSAPP from '@salesforce/label/c.Relay_Channel_WhatsApp';
import CHANNEL_FACEBOOK from '@salesforce/label/c.Relay_Channel_Facebook';
import CHANNEL_INSTAGRAM from '@salesforce/label/c.Relay_Channel_Instagram';
import CHANNEL_TWITTER from '@salesforce/label/c.Relay_Channel_Twitter';
import CHANNEL_EMAIL from '@salesforce/label/c.Relay_Channel_Email';

/*
 * What each digital channel can carry, in one table: its label and icon, the longest text an agent may send
 * on it, and whether it takes emoji and attachments. The conversation's reply box and the inbox read it;
 * RelayConversationService applies the same text limits in Apex.
 */

/** The digital channels Relay handles, as RelayInteractionView.channel names them. */
export const CHANNELS = ['webchat', 'sms', 'whatsapp', 'facebook', 'instagram', 'twitter', 'email'] as const;
export type ChannelName = (typeof CHANNELS)[number];

/** What one channel can carry. */
export interface ChannelCapabilities {
    readonly name: ChannelName;
    /** The channel's name for agents (a custom label). */
    readonly label: string;
    /** An SLDS icon name for lightning-icon. */
    readonly icon: string;
    /** The longest text an agent may send in one message, in UTF-16 code units (String.length). */
    readonly maxTextLength: number;
    readonly supportsEmoji: boolean;
    readonly supportsAttachments: boolean;
}

/** The longest reply on SMS: five concatenated segments of 153 GSM-7 characters. */
export const SMS_TEXT_LIMIT = 765;
/** The longest reply on the other channels: the most Genesys Cloud takes in one text message. */
export const DEFAULT_TEXT_LIMIT = 2000;
/** The longest email text: what the transcript record holds (RelayConversationService.EMAIL_TEXT_LIMIT). */
export const EMAIL_TEXT_LIMIT = 32768;
/** The largest attachment an agent may add where the channel takes attachments (10 MB). */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

const TABLE: Readonly<Record<ChannelName, ChannelCapabilities>> = {
    webchat: capabilities('webchat', CHANNEL_WEBCHAT, 'standard:live_chat', DEFAULT_TEXT_LIMIT, true, true),
    // Emoji would switch an SMS to UCS-2 and cut each segment from 153 to 67 characters.
    sms: capabilities('sms', CHANNEL_SMS, 'standard:sms', SMS_TEXT_LIMIT, false, false),
    whatsapp: capabilities('whatsapp', CHANNEL_WHATSAPP, 'standard:whatsapp', DEFAULT_TEXT_LIMIT, true, true),
    facebook: capabilities('facebook', CHANNEL_FACEBOOK, 'standard:social', DEFAULT_TEXT_LIMIT, true, true),
    instagram: capabilities('instagram', CHANNEL_INSTAGRAM, 'standard:social', DEFAULT_TEXT_LIMIT, true, true),
    twitter: capabilities('twitter', CHANNEL_TWITTER, 'standard:social', DEFAULT_TEXT_LIMIT, true, true),
    email: capabilities('email', CHANNEL_EMAIL, 'standard:email', EMAIL_TEXT_LIMIT, true, true)
};

// Relay_Interaction__c.Channel__c values, Genesys Cloud messenger types and the names events use.
const ALIASES: ReadonlyMap<string, ChannelName> = new Map<string, ChannelName>([
    ...CHANNELS.map((name): [string, ChannelName] => [name, name]),
    ['chat', 'webchat'],
    ['webmessaging', 'webchat'],
    ['messenger', 'facebook'],
    ['x', 'twitter']
]);

/** The channel a record value, event or contact-centre type names (case-insensitive), if Relay knows it. */
export function channelOf(raw: string | null | undefined): ChannelName | undefined {
    return typeof raw === 'string' ? ALIASES.get(raw.trim().toLowerCase()) : undefined;
}

/**
 * What a channel can carry. An unknown or missing channel gets web chat's row, as the Apex does (an
 * open-messaging conversation is handled like a chat).
 */
export function capabilitiesOf(raw: string | null | undefined): ChannelCapabilities {
    return TABLE[channelOf(raw) ?? 'webchat'];
}

/** The longest text an agent may send on a channel. */
export function textLimitOf(raw: string | null | undefined): number {
    return capabilitiesOf(raw).maxTextLength;
}

/** Every channel's row, in the order of CHANNELS. */
export function allChannels(): ChannelCapabilities[] {
    return CHANNELS.map((name) => TABLE[name]);
}

function capabilities(
    name: ChannelName,
    label: string,
    icon: string,
    maxTextLength: number,
    supportsEmoji: boolean,
    supportsAttachments: boolean
): ChannelCapabilities {
    return Object.freeze({ name, label, icon, maxTextLength, supportsEmoji, supportsAttachments });
}
