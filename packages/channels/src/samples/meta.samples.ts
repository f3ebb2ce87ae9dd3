// Meta webhook payloads in the shapes of its webhook reference samples (Page `feed`, Messenger
// `messages`, Instagram `comments`), with Persian and Arabic text.

export const META_PAGE_ID = '104729381234567';
export const META_INSTAGRAM_ACCOUNT_ID = '17841405309211844';

/** Maryam's top-level comment on the Page's photo post: the `value` of a `feed` change. */
export const metaFeedComment = {
  from: { id: '6543210987654321', name: 'مریم احمدی' },
  post: {
    status_type: 'added_photos',
    is_published: true,
    id: `${META_PAGE_ID}_998877`,
    permalink_url: 'https://www.facebook.com/shop/posts/998877',
  },
  message: 'قیمت این مدل چقدر است؟',
  post_id: `${META_PAGE_ID}_998877`,
  comment_id: '998877_112233',
  created_time: 1763888400,
  item: 'comment',
  parent_id: `${META_PAGE_ID}_998877`,
  verb: 'add',
};

/** A Page webhook: one entry of `feed` changes with these values, and one of Messenger events if any. */
export const metaPageWebhook = (feedValues: readonly unknown[], messaging: readonly unknown[] = []) => ({
  object: 'page',
  entry: [
    { id: META_PAGE_ID, time: 1763888400, changes: feedValues.map((value) => ({ field: 'feed', value })) },
    ...(messaging.length > 0 ? [{ id: META_PAGE_ID, time: 1763888400123, messaging }] : []),
  ],
});

/** A webhook of messaging events only: Messenger (`page`) or Instagram direct (`instagram`). */
export const metaMessagingWebhook = (object: string, accountId: string, events: readonly unknown[]) => ({
  object,
  entry: [{ id: accountId, time: 1763888400123, messaging: events }],
});

/** A customer's Messenger message to the Page. */
export const metaMessengerMessage = {
  sender: { id: '2468013579' },
  recipient: { id: META_PAGE_ID },
  timestamp: 1763888400123,
  message: { mid: 'm_AbC123', text: 'مرحبا، هل المنتج متوفر؟' },
};

/** A comment on the Instagram account's post: the `value` of a `comments` change. */
export const metaInstagramComment = (text: string) => ({
  from: { id: '17841400000000001', username: 'maryam.a' },
  media: { id: '17900000000000001', media_product_type: 'FEED' },
  id: '17865799348089039',
  text,
});

/** An Instagram webhook: one entry of `comments` changes with these values. */
export const metaInstagramWebhook = (values: readonly unknown[]) => ({
  object: 'instagram',
  entry: [
    { id: META_INSTAGRAM_ACCOUNT_ID, time: 1763888400, changes: values.map((value) => ({ field: 'comments', value })) },
  ],
});
