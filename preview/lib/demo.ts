// The preview's one signed-in Salesforce user, the agent (`@salesforce/user/Id`, `UserInfo.getUserId()`).
export const DEMO_USER_ID = '005000000000001AAA';
export const DEMO_USER_NAME = 'Preview Agent';
