// Base components (lightning/button, lightning/modal, ...) and @salesforce/user|client|site|community.
import '@salesforce/lightning-types';
